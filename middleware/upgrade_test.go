package middleware_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
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

// layers are every layer alone in a plain http.Client, and the client's
// whole stack as a RoundTripper.
func layers() map[string]http.RoundTripper {
	accept := func(*http.Response, []byte) bool { return true }
	return map[string]http.RoundTripper{
		"net/http":         http.DefaultTransport,
		"timeout":          timeout.New(nil, timeout.WithTimeout(time.Second)),
		"retry":            retry.New(nil),
		"backup":           backup.New(nil),
		"datacheck":        datacheck.New(nil, datacheck.WithCheck(accept)),
		"store":            store.New(nil, nil),
		"httpcache":        httpcache.New(nil),
		"httpcache shared": httpcache.New(nil, httpcache.WithShared()),
		"breaker":          breaker.New(nil),
		"tracing":          tracing.New(nil),
		"log":              reqlog.New(nil, nil),
		"client.Transport": client.New().Transport(),
	}
}

// A protocol switch (WebSocket's way) through httputil.ReverseProxy over
// each layer: net/http hands the 101's connection as a writable body,
// which the proxy needs; no layer reads, buffers, closes or wraps it, and
// the per-attempt timeout does not cut it (the echo comes after it).
func TestProtocolSwitchThroughEveryLayer(t *testing.T) {
	backend := httptest.NewServer(faultserver.UpgradeEcho())
	defer backend.Close()
	bu, _ := url.Parse(backend.URL)
	for name, rt := range layers() {
		t.Run(name, func(t *testing.T) {
			rp := httputil.NewSingleHostReverseProxy(bu)
			rp.Transport = rt
			var proxyErr error
			rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
				proxyErr = err
				w.WriteHeader(http.StatusBadGateway)
			}
			proxy := httptest.NewServer(rp)
			defer proxy.Close()
			c, err := net.DialTimeout("tcp", proxy.Listener.Addr().String(), time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			io.WriteString(c, "GET /ws HTTP/1.1\r\nHost: proxy\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
			br := bufio.NewReader(c)
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusSwitchingProtocols {
				t.Fatalf("status %d through the proxy (its error: %v)", resp.StatusCode, proxyErr)
			}
			if name == "timeout" || name == "client.Transport" {
				time.Sleep(1200 * time.Millisecond) // past the attempt's deadline
			}
			io.WriteString(c, "hi\n")
			if line, err := br.ReadString('\n'); err != nil || line != "echo: hi\n" {
				t.Fatalf("after the switch: %q, %v", line, err)
			}
		})
	}
}

// An event stream may never end: in a plain http.Client each layer hands
// its headers and first event on as they come, never waiting for the end
// of the body, however the answer says it may be cached.
func TestEventStreamThroughEveryLayer(t *testing.T) {
	for _, cc := range []string{"no-store", "max-age=60"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			w.Header().Set("Cache-Control", cc)
			w.Write([]byte("data: hello\n\n"))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}))
		for name, rt := range layers() {
			if name == "datacheck" || name == "client.Transport" {
				continue // they check the whole body, as documented
			}
			t.Run(cc+"/"+name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				defer cancel()
				req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/events", nil)
				req.Header.Set("Accept", "text/event-stream")
				start := time.Now()
				resp, err := (&http.Client{Transport: rt}).Do(req)
				if err != nil {
					t.Fatalf("no headers after %v: %v", time.Since(start), err)
				}
				defer resp.Body.Close()
				line, err := bufio.NewReader(resp.Body).ReadString('\n')
				if err != nil || line != "data: hello\n" || time.Since(start) > 2*time.Second {
					t.Fatalf("first line %q, %v after %v", line, err, time.Since(start))
				}
			})
		}
		srv.Close()
	}
}
