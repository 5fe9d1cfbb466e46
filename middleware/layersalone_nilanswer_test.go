package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	mlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// TestLayersAloneOverANilAnswer: each layer alone in a plain http.Client
// (middleware.Chain) over a transport that answers (nil, nil), which the
// RoundTripper contract forbids and net/http's Client turns into an error,
// dereferenced the nil response and panicked (log, breaker, retry, store,
// backup, timeout, httpcache); the client's own stack guards it at its
// bottom layer, a layer alone did not. The call now fails with an error
// naming the transport. A nil Body is still read as empty, and a nil Body
// whose Content-Length promised bytes is an error.
func TestLayersAloneOverANilAnswer(t *testing.T) {
	layers := map[string]func() middleware.Middleware{
		"timeout":   func() middleware.Middleware { return timeout.Middleware() },
		"breaker":   func() middleware.Middleware { return breaker.Middleware() },
		"retry":     func() middleware.Middleware { return retry.Middleware(retry.WithRetryTimes(1)) },
		"datacheck": func() middleware.Middleware { return datacheck.Middleware() },
		"httpcache": func() middleware.Middleware { return httpcache.Middleware() },
		"store":     func() middleware.Middleware { return store.Middleware(store.NewMemory()) },
		"log": func() middleware.Middleware {
			return mlog.Middleware(slog.New(slog.NewTextHandler(io.Discard, nil)))
		},
		"tracing": func() middleware.Middleware { return tracing.Middleware() },
		"backup":  func() middleware.Middleware { return backup.Middleware(backup.WithURLs("http://b.test/")) },
	}
	answers := map[string]struct {
		resp    func(*http.Request) *http.Response
		wantErr string
	}{
		"nil response": {func(*http.Request) *http.Response { return nil }, "nil *Response"},
		"nil Body": {func(r *http.Request) *http.Response {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Request: r}
		}, ""},
		"nil Body with a length": {func(r *http.Request) *http.Response {
			return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: 5, Request: r}
		}, "nil Body"},
	}
	for an, a := range answers {
		for ln, m := range layers {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				t.Run(an+"/"+ln+"/"+method, func(t *testing.T) {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("panic: %v", r)
						}
					}()
					rt := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
						middleware.CloseRequestBody(r)
						return a.resp(r), nil
					})
					hc := &http.Client{Transport: middleware.Chain(rt, m())}
					req, _ := http.NewRequest(method, "http://api.test/x", strings.NewReader(`{"a":1}`))
					resp, err := hc.Do(req)
					if a.wantErr != "" {
						if err == nil || !strings.Contains(err.Error(), a.wantErr) {
							if err == nil {
								resp.Body.Close()
							}
							t.Fatalf("err %v, want one saying %q", err, a.wantErr)
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					b, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || len(b) != 0 {
						t.Fatalf("body %q, %v; want empty", b, err)
					}
				})
			}
		}
	}
}
