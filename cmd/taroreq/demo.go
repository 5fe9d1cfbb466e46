package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/transports"
)

// demoServer is the embedded server of --demo, on loopback.
type demoServer struct {
	*httptest.Server
	flaky  atomic.Int64 // requests to /flaky: the first one gets a 503
	cities atomic.Int64 // requests to /cities
	down   atomic.Int64 // requests to /down: always a 500
	outage atomic.Bool  // /cities answers 503 while set
}

func newDemoServer() *demoServer {
	d := &demoServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, _ *http.Request) {
		if n := d.flaky.Add(1); n == 1 {
			http.Error(w, "warming up", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, `{"code":0,"msg":"ok after a 503"}`)
	})
	mux.HandleFunc("/items", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, `{"code":0,"items":["apple","pear"],"from":"backup"}`)
	})
	mux.HandleFunc("/cities", func(w http.ResponseWriter, _ *http.Request) {
		d.cities.Add(1)
		if d.outage.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, `{"version":"v1","cities":["Hangzhou","Shenzhen"]}`)
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, _ *http.Request) {
		d.down.Add(1)
		http.Error(w, "broken", http.StatusInternalServerError)
	})
	d.Server = httptest.NewServer(mux)
	return d
}

func writeJSON(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, body)
}

// runDemo shows retry, failover, the store and the breaker against the
// embedded server, printing each attempt and what the client made of it.
func runDemo(ctx context.Context, out io.Writer) error {
	srv := newDemoServer()
	defer srv.Close()
	tr := transports.Default()
	defer tr.CloseIdleConnections()
	fmt.Fprintf(out, "taroreq demo: an embedded server at %s, nothing leaves this machine\n", srv.URL)
	steps := []func(context.Context, io.Writer, *demoServer, http.RoundTripper) error{
		demoRetry, demoBackup, demoStore, demoBreaker,
	}
	for _, step := range steps {
		fmt.Fprintln(out)
		if err := step(ctx, out, srv, tr); err != nil {
			return err
		}
	}
	fmt.Fprintln(out, "\ndemo done")
	return nil
}

// demoClient returns a client over tr whose attempts are traced to out.
func demoClient(out io.Writer, tr http.RoundTripper, opts ...client.ClientOption) (*client.Client, *observer) {
	obs := &observer{trace: &prefixWriter{w: out, prefix: "    "}}
	opts = append([]client.ClientOption{client.WithTransport(tr), client.WithInnerLayers(obs.layer)}, opts...)
	return client.New(opts...), obs
}

func demoRetry(ctx context.Context, out io.Writer, srv *demoServer, tr http.RoundTripper) error {
	fmt.Fprintln(out, "1. retry: /flaky answers 503 once, then 200 (--retry-times 2)")
	c, obs := demoClient(out, tr)
	resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/flaky", RetryTimes: 2})
	if err != nil {
		return fmt.Errorf("retry: %w", err)
	}
	fmt.Fprintf(out, "   => %d after %d attempts, events [%s]: %s\n", resp.StatusCode, resp.Attempts, eventNames(obs), resp.Raw)
	return nil
}

func demoBackup(ctx context.Context, out io.Writer, srv *demoServer, tr http.RoundTripper) error {
	dead, err := deadURL()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "2. backup failover: the primary %s is dead, the backup answers (--retry-times 1 --backup ...)\n", dead)
	c, obs := demoClient(out, tr)
	resp, err := c.Request(ctx, client.Option{URL: dead + "/items", Backup: []string{srv.URL + "/items"},
		RetryTimes: 1, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(out, "   => answered by %s after %d attempts, events [%s]\n", resp.URL, resp.Attempts, eventNames(obs))
	return nil
}

func demoStore(ctx context.Context, out io.Writer, srv *demoServer, tr http.RoundTripper) error {
	fmt.Fprintln(out, "3. store: --use-store --store-check-key version --store-sign v1, called twice")
	c, obs := demoClient(out, tr, client.WithStore(store.NewMemory()))
	opt := client.Option{URL: srv.URL + "/cities", UseStore: true, StoreCheckKey: "version", StoreSign: "v1",
		RetryTimes: client.NoRetry}
	for i := 1; i <= 2; i++ {
		obs.reset()
		resp, err := c.Request(ctx, opt)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		fmt.Fprintf(out, "   => call %d: from store %v, %d attempt(s), server requests so far %d\n",
			i, resp.FromStore, resp.Attempts, srv.cities.Load())
	}
	fmt.Fprintln(out, "   the server goes down and the caller wants v2: the stale v1 answers")
	srv.outage.Store(true)
	opt.StoreSign = "v2"
	obs.reset()
	resp, err := c.Request(ctx, opt)
	if err != nil {
		return fmt.Errorf("store fallback: %w", err)
	}
	fmt.Fprintf(out, "   => call 3: from store %v (%s), events [%s]\n", resp.FromStore, resp.ErrMsg, eventNames(obs))
	return nil
}

func demoBreaker(ctx context.Context, out io.Writer, srv *demoServer, tr http.RoundTripper) error {
	fmt.Fprintln(out, "4. breaker: /down always answers 500; the circuit opens after 3 failures (--breaker-threshold 3)")
	c, obs := demoClient(out, tr, client.WithBreaker(breaker.WithThreshold(3), breaker.WithOpenTimeout(time.Minute)))
	for i := 1; i <= 5; i++ {
		obs.reset()
		resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/down", RetryTimes: client.NoRetry})
		switch {
		case errors.Is(err, breaker.ErrOpen):
			fmt.Fprintf(out, "   => call %d: refused, circuit open, no request sent (server requests %d)\n", i, srv.down.Load())
		case err != nil:
			return fmt.Errorf("breaker: %w", err)
		default:
			fmt.Fprintf(out, "   => call %d: HTTP %d (server requests %d)\n", i, resp.StatusCode, srv.down.Load())
		}
	}
	if srv.down.Load() != 3 {
		return fmt.Errorf("breaker: the server got %d requests, want 3", srv.down.Load())
	}
	return nil
}

// deadURL is the URL of a loopback port that nothing listens on.
func deadURL() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", err
	}
	return "http://" + addr, nil
}

// eventNames lists the names of the layer events of obs's request.
func eventNames(obs *observer) string {
	_, events := obs.snapshot()
	names := make([]string, len(events))
	for i, e := range events {
		names[i] = e.Name
	}
	return strings.Join(names, " ")
}

// prefixWriter indents every line written to it.
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	lines := strings.SplitAfter(string(b), "\n")
	var sb strings.Builder
	for _, l := range lines {
		if l != "" {
			sb.WriteString(p.prefix + l)
		}
	}
	if _, err := io.WriteString(p.w, sb.String()); err != nil {
		return 0, err
	}
	return len(b), nil
}
