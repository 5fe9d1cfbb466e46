package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Accept-Encoding is a forbidden request header in fetch (a browser sets it
// itself, in every mode): a no-cors call that carries one, identity (kept)
// or another (dropped), is never refused as a header that is not
// CORS-safelisted.
func TestNoCORSTakesAcceptEncodingIdentity(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Accept-Encoding"))
		w.Write([]byte("hello"))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, ae := range []string{"gzip", "identity"} {
		resp, err := c.Request(context.Background(), client.Option{URL: "/x", Mode: client.ModeNoCORS,
			Header: http.Header{"Accept-Encoding": {ae}}})
		t.Logf("AE %q: err=%v status=%d", ae, err, resp.StatusCode)
		if err != nil {
			t.Errorf("no-cors with Accept-Encoding: %s failed: %v", ae, err)
		}
	}
	t.Logf("server saw %q", got)
}

// A no-cors call takes simple headers only: Fetch's CORS-safelisted
// request-headers are so by their value too (§2.2.2: at most 128 bytes, no
// CORS-unsafe byte in Accept or Content-Type, only letters, digits and
// " *,-.;=" in the language headers). A value that is not was sent: the
// names alone were checked. It is ErrInvalidOption before any I/O, as a
// name that is not safelisted.
func TestNoCORSChecksTheValuesOfSafelistedHeaders(t *testing.T) {
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent++ }))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		h  http.Header
		ok bool
	}{
		{http.Header{"Accept": {"text/html, */*;q=0.8"}}, true},
		{http.Header{"Accept": {`text/html;x="y"`}}, false},
		{http.Header{"Accept": {"a{b}"}}, false},
		{http.Header{"Accept": {strings.Repeat("a", 129)}}, false},
		{http.Header{"Accept": {strings.Repeat("a", 64), strings.Repeat("b", 64)}}, false}, // 130 bytes joined
		{http.Header{"Accept-Language": {"en-US,en;q=0.5"}}, true},
		{http.Header{"Accept-Language": {"en_US"}}, false},
		{http.Header{"Content-Language": {"de(DE)"}}, false},
		{http.Header{"Content-Type": {"text/plain;charset=utf-8"}}, true},
		{http.Header{"Content-Type": {`text/plain; x="{"`}}, false},
		{http.Header{"Content-Type": {"text/plain; x=a@b"}}, false},
	} {
		before := sent
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Mode: client.ModeNoCORS, Method: "POST", Data: "hi", Header: tc.h})
		if tc.ok && err != nil {
			t.Errorf("no-cors with %q: %v, want it sent", tc.h, err)
		}
		if !tc.ok && (!errors.Is(err, client.ErrInvalidOption) || sent != before) {
			t.Errorf("no-cors with %q: %v, %d sent; want ErrInvalidOption, nothing sent", tc.h, err, sent-before)
		}
	}
}

// Fetch's MIME type parser strips HTTP whitespace (tab, space) around a
// type, not any Unicode space: "text/plain\u00a0" does not parse and is no
// CORS-safelisted Content-Type. strings.TrimSpace took it for text/plain.
func TestNoCORSContentTypeTrimsHTTPWhitespaceOnly(t *testing.T) {
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent++ }))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, ct := range []string{"text/plain\u00a0", "text/plain\u0085;charset=utf-8", "\u2003text/plain"} {
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Mode: client.ModeNoCORS, Method: "POST", Data: "hi",
			Header: http.Header{"Content-Type": {ct}}})
		if !errors.Is(err, client.ErrInvalidOption) {
			t.Errorf("no-cors with Content-Type %q: %v, want ErrInvalidOption", ct, err)
		}
	}
	if _, err := c.Request(context.Background(), client.Option{URL: "/x", Mode: client.ModeNoCORS, Method: "POST", Data: "hi",
		Header: http.Header{"Content-Type": {"text/plain \t;charset=utf-8"}}}); err != nil {
		t.Errorf("no-cors with text/plain and HTTP whitespace: %v, want it sent", err)
	}
	if sent != 1 {
		t.Errorf("%d requests sent, want 1", sent)
	}
}
