package rtcontract_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
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

// openConns serves 204s and counts the server's open connections.
func openConns(t *testing.T) (*httptest.Server, func() int) {
	var mu sync.Mutex
	open := map[net.Conn]bool{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	srv.Config.ConnState = func(c net.Conn, s http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		if s == http.StateNew {
			open[c] = true
		} else if s == http.StateClosed || s == http.StateHijacked {
			delete(open, c)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return len(open) }
}

// Every layer, and a client's whole stack, forwards CloseIdleConnections to
// the transport below: http.Client.CloseIdleConnections over one closes the
// idle keep-alive connection its request left, as over a bare transport.
func TestLayersForwardCloseIdleConnections(t *testing.T) {
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	layers := map[string]func(http.RoundTripper) http.RoundTripper{
		"timeout":   func(b http.RoundTripper) http.RoundTripper { return timeout.New(b) },
		"retry":     func(b http.RoundTripper) http.RoundTripper { return retry.New(b) },
		"backup":    func(b http.RoundTripper) http.RoundTripper { return backup.New(b) },
		"datacheck": func(b http.RoundTripper) http.RoundTripper { return datacheck.New(b) },
		"store":     func(b http.RoundTripper) http.RoundTripper { return store.New(b, store.NewMemory()) },
		"breaker":   func(b http.RoundTripper) http.RoundTripper { return breaker.New(b) },
		"tracing":   func(b http.RoundTripper) http.RoundTripper { return tracing.New(b) },
		"tracing request": func(b http.RoundTripper) http.RoundTripper {
			return tracing.RequestMiddleware()(b)
		},
		"httpcache": func(b http.RoundTripper) http.RoundTripper { return httpcache.New(b) },
		"log":       func(b http.RoundTripper) http.RoundTripper { return mlog.New(b, discard) },
		"chain": func(b http.RoundTripper) http.RoundTripper {
			return middleware.Chain(b, retry.Middleware(), breaker.Middleware(), timeout.Middleware())
		},
		"client.Transport": func(b http.RoundTripper) http.RoundTripper {
			return client.New(client.WithTransport(b)).Transport()
		},
	}
	for name, layer := range layers {
		t.Run(name, func(t *testing.T) {
			srv, open := openConns(t)
			hc := &http.Client{Transport: layer(&http.Transport{})}
			resp, err := hc.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			hc.CloseIdleConnections()
			deadline := time.Now().Add(time.Second)
			for open() != 0 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if n := open(); n != 0 {
				t.Errorf("%d idle connection(s) still open after http.Client.CloseIdleConnections", n)
			}
		})
	}
}
