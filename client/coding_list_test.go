package client_test

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// coded applies codings to body in their order, as a Content-Encoding
// list names them.
func coded(t *testing.T, body string, codings ...string) []byte {
	t.Helper()
	b := []byte(body)
	for _, c := range codings {
		var out bytes.Buffer
		var w io.WriteCloser
		switch c {
		case "gzip":
			w = gzip.NewWriter(&out)
		case "deflate":
			w = zlib.NewWriter(&out)
		default:
			t.Fatalf("coding %q", c)
		}
		_, _ = w.Write(b)
		_ = w.Close()
		b = out.Bytes()
	}
	return b
}

// fetch (undici, which Taro's H5 request runs on in node, and browsers)
// takes off every coding of a Content-Encoding list it knows, the last
// applied first, up to five (more fail the call); net/http decodes only the lone gzip it asked
// for, so the client handed Taro code the coded bytes of "gzip, gzip" and
// "deflate, gzip" (Data nil, a DecodeErr), and of a gzip that net/http did
// not ask for (a transport with DisableCompression).
func TestCodingListIsDecodedAsFetchDoes(t *testing.T) {
	const body = `{"ok":true}`
	answers := map[string][]byte{
		"/gzip-gzip":       coded(t, body, "gzip", "gzip"),
		"/deflate-gzip":    coded(t, body, "deflate", "gzip"),
		"/x-gzip":          coded(t, body, "gzip"),
		"/gzip-identity":   coded(t, body, "gzip", "gzip"),
		"/five":            coded(t, body, "gzip", "deflate", "gzip", "deflate", "gzip"),
		"/six":             coded(t, body, "gzip", "gzip", "gzip", "gzip", "gzip", "gzip"),
		"/gzip-br":         coded(t, body, "gzip"),
		"/deflate-deflate": coded(t, body, "deflate"), // labelled twice, coded once
	}
	codings := map[string][]string{
		"/gzip-gzip":       {"gzip, gzip"},
		"/deflate-gzip":    {"deflate", "GZIP"}, // two lines: one list
		"/x-gzip":          {"x-gzip"},
		"/gzip-identity":   {"gzip, identity,gzip"},
		"/five":            {"gzip, deflate, gzip, deflate, gzip"},
		"/six":             {"gzip, gzip, gzip, gzip, gzip, gzip"},
		"/gzip-br":         {"gzip, br"},
		"/deflate-deflate": {"deflate, deflate"},
	}
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header()["Content-Encoding"] = codings[r.URL.Path]
		_, _ = w.Write(answers[r.URL.Path])
	}))
	defer srv.Close()
	for _, tr := range []*http.Transport{http.DefaultTransport.(*http.Transport).Clone(), {DisableCompression: true}} {
		c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(tr))
		for _, path := range []string{"/gzip-gzip", "/deflate-gzip", "/x-gzip", "/gzip-identity", "/five"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			resp, err := c.Request(ctx, client.Option{URL: path})
			cancel()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if m, _ := resp.Data.(map[string]any); m["ok"] != true || string(resp.Raw) != body || resp.DecodeErr != nil {
				t.Errorf("%s: Data %v, Raw %q, DecodeErr %v; fetch gives %s", path, resp.Data, resp.Raw, resp.DecodeErr, body)
			}
			if ce, cl := resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Length"); ce != "" || cl != "" {
				t.Errorf("%s: Content-Encoding %q, Content-Length %q on a decoded body", path, ce, cl)
			}
		}
		// A coding the client does not know: the bytes as they came, the
		// DecodeErr saying they are coded.
		for _, path := range []string{"/gzip-br"} {
			resp, err := c.Request(context.Background(), client.Option{URL: path, RetryTimes: client.NoRetry})
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if !bytes.Equal(resp.Raw, answers[path]) || resp.Data != nil || !errors.Is(resp.DecodeErr, encoders.ErrDecode) ||
				!strings.Contains(resp.DecodeErr.Error(), "coded") {
				t.Errorf("%s: Raw %d bytes (want the %d coded), Data %v, DecodeErr %v", path, len(resp.Raw), len(answers[path]), resp.Data, resp.DecodeErr)
			}
		}
		// Named twice, coded once: the second deflate finds no deflate
		// data. The call fails, as fetch's does, and is not retried (the
		// same URL answers so again).
		requests.Store(0)
		_, err := c.Request(context.Background(), client.Option{URL: "/deflate-deflate"})
		if err == nil || !strings.Contains(err.Error(), "Content-Encoding deflate") || requests.Load() != 1 {
			t.Errorf("deflate, deflate coded once: %v after %d requests; want a decoding error after 1", err, requests.Load())
		}
		// More codings than fetch takes off: it fails the call ("too many
		// content-encodings in response: 6, maximum allowed is 5"), and so
		// does the client, unretried, where it handed Taro code the bytes.
		requests.Store(0)
		_, err = c.Request(context.Background(), client.Option{URL: "/six"})
		if err == nil || !strings.Contains(err.Error(), "6 codings") || requests.Load() != 1 {
			t.Errorf("six codings: %v after %d requests; want the call failed after 1", err, requests.Load())
		}
	}
}

// A gzip body with bytes after its member fails the call, as net/http's
// own gzip decoding does, rather than hand back the member alone.
func TestGzipTrailingGarbageFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip, gzip")
		_, _ = w.Write(append(coded(t, `{"ok":true}`, "gzip", "gzip"), "trailing junk"...))
	}))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "Content-Encoding gzip") {
		t.Fatalf("err %v; want a gzip decoding error", err)
	}
}

// In "deflate, gzip" the deflate stream, taken off last, ends before the
// gzip member under it has given its checksum: a checksum that does not
// match fails the call, as fetch's does ("incorrect data check"), rather
// than come to light only if something is read past the deflate end.
func TestInnerCodingChecksumAfterTheOuterEndFails(t *testing.T) {
	body := coded(t, `{"ok":true}`, "deflate", "gzip")
	body[len(body)-5] ^= 1 // the gzip CRC-32, after the deflate stream it holds
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Encoding", "deflate, gzip")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL})
	if err == nil || !errors.Is(err, gzip.ErrChecksum) || requests.Load() != 1 ||
		!strings.Contains(err.Error(), "Content-Encoding gzip: gzip: invalid checksum") || strings.Contains(err.Error(), "Content-Encoding deflate") {
		t.Fatalf("err %v after %d requests; want gzip's checksum error, said of gzip alone, after 1", err, requests.Load())
	}
}
