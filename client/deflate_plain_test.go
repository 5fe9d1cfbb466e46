package client_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A plain http.Client over c.Transport() gets a deflate answer as net/http
// hands it one (the coded bytes, Content-Encoding: deflate), as the
// RoundTripper it stands in for would (review25); a client's own call, and
// a client over c.Transport(), decode it once, as fetch does.
func TestDeflateThroughTransportIsAPlainClientsToDecode(t *testing.T) {
	const body = `{"deflated":true}`
	srv := deflateServer(t, body, false)
	c := client.New()
	hr, err := (&http.Client{Transport: c.Transport()}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	coded, _ := io.ReadAll(hr.Body)
	hr.Body.Close()
	if hr.Header.Get("Content-Encoding") != "deflate" || hr.Uncompressed {
		t.Errorf("plain client: Content-Encoding %q, Uncompressed %v: want the answer as net/http hands it", hr.Header.Get("Content-Encoding"), hr.Uncompressed)
	}
	if zr, err := zlib.NewReader(bytes.NewReader(coded)); err != nil {
		t.Errorf("plain client: body %q is not the zlib bytes: %v", coded, err)
	} else if got, _ := io.ReadAll(zr); string(got) != body {
		t.Errorf("plain client: body decodes to %q", got)
	}
	for name, cl := range map[string]*client.Client{"client": c, "client over c.Transport()": client.New(client.WithTransport(c.Transport()))} {
		res, err := cl.Request(context.Background(), client.Option{URL: srv.URL, DataType: "text"})
		if err != nil || res.Data != body || res.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: %v, Data %q, Content-Encoding %q: want the JSON, decoded once", name, err, res.Data, res.Header.Get("Content-Encoding"))
		}
	}
}
