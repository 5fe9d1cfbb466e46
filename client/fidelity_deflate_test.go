package client_test

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// deflateServer answers body coded as "deflate", whatever the request asked
// for, as go-httpbin's /deflate does: zlib-wrapped (RFC 9110 §8.4.1.2), or
// raw, as some servers send it and browsers still decode.
func deflateServer(t *testing.T, body string, raw bool) *httptest.Server {
	t.Helper()
	var b bytes.Buffer
	var zw io.WriteCloser = zlib.NewWriter(&b)
	if raw {
		zw, _ = flate.NewWriter(&b, flate.DefaultCompression)
	}
	_, _ = io.WriteString(zw, body)
	_ = zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "deflate")
		_, _ = w.Write(b.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fetch decodes a deflate answer as it decodes gzip (a browser sends
// Accept-Encoding: gzip, deflate, br, zstd), so Taro code reads the JSON.
// net/http decodes only the gzip it asked for: the client handed back the
// coded bytes with Content-Encoding: deflate, Data nil and a DecodeErr.
func TestDeflateAnswerIsDecodedAsFetchDoes(t *testing.T) {
	const body = `{"deflated":true}`
	for _, raw := range []bool{false, true} {
		srv := deflateServer(t, body, raw)
		c := client.New(client.WithBaseURL(srv.URL))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: "/deflate"})
		cancel()
		if err != nil {
			t.Fatalf("raw=%v: %v", raw, err)
		}
		if m, _ := resp.Data.(map[string]any); m["deflated"] != true || string(resp.Raw) != body {
			t.Errorf("raw=%v: Data %v, Raw %q (DecodeErr %v); fetch gives %s", raw, resp.Data, resp.Raw, resp.DecodeErr, body)
		}
		if ce := resp.Header.Get("Content-Encoding"); ce != "" {
			t.Errorf("raw=%v: Content-Encoding %q on a decoded body", raw, ce)
		}

		ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
		resp, err = c.Request(ctx, client.Option{URL: "/deflate", EnableChunked: true})
		if err != nil {
			cancel()
			t.Fatalf("raw=%v streamed: %v", raw, err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if err != nil || string(got) != body {
			t.Errorf("raw=%v streamed: %q, %v; want %s", raw, got, err, body)
		}
	}
}

// Who named a coding gets the bytes as coded: Accept-Encoding: identity
// (the CLI's -o, a resumable download), and a plain http.Client's own
// Accept-Encoding through Transport(), as net/http hands them back.
func TestDeflateAnswerToOwnAcceptEncodingStaysCoded(t *testing.T) {
	srv := deflateServer(t, `{"deflated":true}`, false)
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "/deflate", ResponseType: client.ResponseTypeArrayBuffer,
		Header: http.Header{"Accept-Encoding": {"identity"}}})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := resp.Data.([]byte); len(b) < 2 || b[0] != 0x78 || resp.Header.Get("Content-Encoding") != "deflate" {
		t.Errorf("identity: Data %q, Content-Encoding %q; want the zlib bytes as sent", b, resp.Header.Get("Content-Encoding"))
	}

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/deflate", nil)
	req.Header.Set("Accept-Encoding", "deflate")
	hr, err := (&http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(hr.Body)
	hr.Body.Close()
	if len(b) < 2 || b[0] != 0x78 || hr.Header.Get("Content-Encoding") != "deflate" {
		t.Errorf("plain client's own Accept-Encoding: %q, Content-Encoding %q; want the zlib bytes as sent", b, hr.Header.Get("Content-Encoding"))
	}
}

// A plain body labelled deflate (a misconfigured server; go-httpbin's
// /response-headers?Content-Encoding=deflate) is no zlib data: read as raw
// deflate it is a short stream of a few other bytes, which must fail the
// attempt, as a gzip label on a plain body does, not answer the call.
func TestPlainBodyLabelledDeflateFails(t *testing.T) {
	const body = `{"Content-Encoding": ["deflate"], "plain": true}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "deflate")
		_, _ = io.WriteString(w, body)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "/x", DataType: "text", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "deflate") {
		t.Errorf("err %v, Data %q; want the attempt failed for its deflate coding", err, resp.Data)
	}
}
