package client_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// GET data that cannot become a query (a reader) fails before any request,
// with a clear error: it is never silently dropped.
func TestGetReaderDataRefused(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Data: strings.NewReader("q=1")})
	if !errors.Is(err, encoders.ErrUnencodable) || !strings.Contains(err.Error(), "*strings.Reader") || n.Load() != 0 {
		t.Fatalf("err %v after %d requests; want ErrUnencodable naming *strings.Reader, nothing sent", err, n.Load())
	}
}

// The same for a *bytes.Buffer given to HEAD and a time.Time given to GET:
// each fails naming its type, and nothing is sent.
func TestOpaqueQueryDataRefused(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	defer srv.Close()
	c := client.New()
	for _, tc := range []struct {
		method string
		data   any
		name   string
	}{
		{"HEAD", bytes.NewBufferString("q=1"), "*bytes.Buffer"},
		{"GET", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "time.Time"},
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: tc.method, Data: tc.data})
		var ce *client.Error
		if !errors.As(err, &ce) || !errors.Is(err, encoders.ErrUnencodable) || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s %s: err %v; want a *client.Error wrapping ErrUnencodable naming %s", tc.method, tc.name, err, tc.name)
		}
		if resp == nil || resp.StatusCode != 0 {
			t.Errorf("%s %s: resp %+v; want one with no status", tc.method, tc.name, resp)
		}
	}
	if n.Load() != 0 {
		t.Fatalf("%d requests sent; want none", n.Load())
	}
}
