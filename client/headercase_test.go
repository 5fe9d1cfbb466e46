package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Header names are case-insensitive: two spellings of one name send all
// their values, always in the same order (the sorted spellings').
func TestHeaderSpellingsMerge(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[strings.Join(r.Header.Values("X-Trace"), ",")]++
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New()
	for range 50 {
		opt := client.Option{URL: srv.URL, Header: http.Header{"x-trace": {"a"}, "X-Trace": {"b"}, "X-TRACE": {"c", "d"}}}
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 || seen["c,d,b,a"] != 50 {
		t.Fatalf("X-Trace sent as %v, want c,d,b,a (X-TRACE, X-Trace, x-trace) every time", seen)
	}
}

// Content-Type has one value: the body is encoded by it, and two lines
// would declare it two ways. The same type under two spellings is sent
// once; two different types are an error before any I/O.
func TestContentTypeHasOneValue(t *testing.T) {
	var got []string
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Values("Content-Type")
		b := new(strings.Builder)
		_, _ = io.Copy(b, r.Body)
		body = b.String()
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	form := "application/x-www-form-urlencoded"
	_, err := c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Data: map[string]any{"a": 1},
		Header: http.Header{"content-type": {form}, "Content-Type": {form}}})
	if err != nil || len(got) != 1 || got[0] != form || body != "a=1" {
		t.Fatalf("the same type twice: sent %q, body %q, %v", got, body, err)
	}
	got = nil
	for _, h := range []http.Header{
		{"content-type": {form}, "Content-Type": {"application/json"}},
		{"Content-Type": {"application/json", "text/plain"}},
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Data: map[string]any{"a": 1}, Header: h})
		if !errors.Is(err, client.ErrInvalidHeader) || resp == nil || got != nil {
			t.Fatalf("%v: %v, sent %q; want ErrInvalidHeader before any I/O", h, err, got)
		}
	}
}
