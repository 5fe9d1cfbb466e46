// Command sharedcache runs the HTTP cache as a shared cache in front of an
// origin: an httputil.ReverseProxy whose Transport is httpcache (WithShared)
// over http.DefaultTransport, serving many users, offline on loopback.
//
// It shows what a shared cache stores and for whom: a public response
// answers everyone; a private one nobody but the origin; a response to a
// request with Authorization is stored only when it says public, s-maxage
// or must-revalidate (RFC 9111 §3.5), and then answers every user; and when
// the origin is down, a stale entry answers, marked with Cache-Status.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sharedcache:", err)
		os.Exit(1)
	}
}

// clock is the cache's clock, moved by hand so that entries go stale
// without waiting.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

func run(ctx context.Context, out io.Writer) error {
	// The origin: each path says how it may be cached, and each answer
	// names the user it was made for.
	var hits atomic.Int64
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/news":
			w.Header().Set("Cache-Control", "public, max-age=60")
		case "/me":
			w.Header().Set("Cache-Control", "private, max-age=60")
		case "/prices":
			w.Header().Set("Cache-Control", "s-maxage=60")
		case "/inbox":
			w.Header().Set("Cache-Control", "max-age=60")
		}
		user := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if user == "" {
			user = "anyone"
		}
		fmt.Fprintf(w, "%s for %s", r.URL.Path, user)
	}))
	defer origin.Close()
	target, err := url.Parse(origin.URL)
	if err != nil {
		return err
	}

	// The proxy: the shared cache over the default transport.
	clk := &clock{now: time.Now()}
	proxy := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite:   func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
		Transport: httpcache.New(nil, httpcache.WithShared(), httpcache.WithClock(clk.Now)),
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			w.WriteHeader(http.StatusBadGateway)
		},
	})
	defer proxy.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()

	users := &http.Client{Transport: &http.Transport{}}
	defer users.CloseIdleConnections()
	get := func(who, path string) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, proxy.URL+path, nil)
		if err != nil {
			return err
		}
		if who != "" {
			req.Header.Set("Authorization", "Bearer "+who)
		}
		resp, err := users.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		name := who
		if name == "" {
			name = "anonymous"
		}
		line := fmt.Sprintf("%-9s GET %-7s -> %d %-18s origin requests %d", name, path, resp.StatusCode, body, hits.Load())
		if resp.Header.Get("Age") != "" {
			line += ", from the cache"
		}
		if why, stale := httpcache.ServedStale(resp); stale {
			line += " (stale: " + why + ")"
		}
		fmt.Fprintln(out, line)
		return nil
	}

	steps := []struct{ who, path string }{
		{"", "/news"}, {"alice", "/news"}, // public: everyone's
		{"alice", "/me"}, {"alice", "/me"}, // private: not stored
		{"alice", "/prices"}, {"bob", "/prices"}, {"", "/prices"}, // s-maxage with Authorization: everyone's
		{"alice", "/inbox"}, {"alice", "/inbox"}, // max-age with Authorization: not stored (§3.5)
	}
	for _, s := range steps {
		if err := get(s.who, s.path); err != nil {
			return err
		}
	}

	// Two minutes later the origin is down: the stale public entry answers;
	// s-maxage forbids serving /prices stale.
	clk.Add(2 * time.Minute)
	origin.Close()
	for _, path := range []string{"/news", "/prices"} {
		if err := get("", path); err != nil {
			return err
		}
	}
	return nil
}
