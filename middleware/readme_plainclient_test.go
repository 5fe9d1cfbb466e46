package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// README (Composing middleware): every layer works alone in a plain
// http.Client, on the default transport (Chain's nil base): a GET and a
// POST get the server's answer whole, the POST's body sent whole.
func TestReadmeEveryLayerAloneInAPlainClient(t *testing.T) {
	body := strings.Repeat("answer ", 10000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, r.Method+" "+string(sent)+" "+body)
	}))
	defer srv.Close()
	for name, layer := range map[string]middleware.Middleware{
		"store":     store.Middleware(store.NewMemory()),
		"backup":    backup.Middleware(),
		"datacheck": datacheck.Middleware(),
		"httpcache": httpcache.Middleware(),
		"retry":     retry.Middleware(retry.WithRetryTimes(3)),
		"breaker":   breaker.Middleware(),
		"timeout":   timeout.Middleware(timeout.WithTimeout(5e9)),
		"tracing":   tracing.Middleware(),
		"request":   tracing.RequestMiddleware(),
		"log":       reqlog.Middleware(slog.New(slog.DiscardHandler)),
	} {
		hc := &http.Client{Transport: middleware.Chain(nil, layer)}
		for _, method := range []string{"GET", "POST"} {
			var in io.Reader
			if method == "POST" {
				in = strings.NewReader("the request body")
			}
			req, _ := http.NewRequest(method, srv.URL+"/x", in)
			resp, err := hc.Do(req)
			if err != nil {
				t.Errorf("%s %s: %v", name, method, err)
				continue
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := "GET  " + body
			if method == "POST" {
				want = "POST the request body " + body
			}
			if err != nil || resp.StatusCode != 200 || string(got) != want {
				t.Errorf("%s %s: status %d, %d bytes (want %d), %v", name, method, resp.StatusCode, len(got), len(want), err)
			}
		}
	}
}
