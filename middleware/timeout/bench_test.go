package timeout_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

const answer = "0123456789abcdefghijklmnopqrstuvwxyzABCDEF" // 42 bytes

// stub answers answer without sockets. With done it asks for the
// request's Done channel first, as http.Transport does.
func stub(done bool) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if done {
			_ = r.Context().Done()
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(answer)), Request: r}, nil
	})
}

// BenchmarkAttempt measures one attempt, body read and closed, without the
// layer and with it: over a stub that never looks at the context, over one
// that asks for Done, and over loopback HTTP (also with a cancelable
// parent, which the context registers with).
func BenchmarkAttempt(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, answer)
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, c := range []struct {
		name string
		base http.RoundTripper
		url  string
		ctx  context.Context
	}{
		{"stub", stub(false), "http://stub.test/", context.Background()},
		{"done", stub(true), "http://stub.test/", context.Background()},
		{"loopback", tr, srv.URL, context.Background()},
		{"loopback-cancelable", tr, srv.URL, parent},
	} {
		req, _ := http.NewRequestWithContext(c.ctx, "GET", c.url, nil)
		for _, layer := range []struct {
			name string
			rt   http.RoundTripper
		}{{"without", c.base}, {"with", timeout.New(c.base)}} {
			b.Run(c.name+"/"+layer.name, func(b *testing.B) {
				b.ReportAllocs()
				var buf [64]byte
				for b.Loop() {
					resp, err := layer.rt.RoundTrip(req)
					if err != nil {
						b.Fatal(err)
					}
					n := 0
					for err == nil {
						var m int
						m, err = resp.Body.Read(buf[:])
						n += m
					}
					resp.Body.Close()
					if err != io.EOF || n != len(answer) {
						b.Fatalf("read %d bytes, %v", n, err)
					}
				}
			})
		}
	}
}
