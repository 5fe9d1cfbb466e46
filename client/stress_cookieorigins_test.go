package client_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// One client with the default jar and Credentials include calls three
// servers under five origins (two ports of 127.0.0.1, their localhost
// spellings, and [::1]) from many goroutines: each origin sets a cookie
// named after itself (host-only, with a Domain, with a Path), answers
// through redirects to the others, as a backup of the others, from the
// store and the HTTP cache. No origin is ever sent a cookie another origin
// set: the jar keeps ports and spellings apart, a backup's cookie is filed
// under its own origin, and a stored or cached answer sets none.
func TestStressCookiesStayWithTheirOrigin(t *testing.T) {
	var mu sync.Mutex
	var violations []string
	var sent atomic.Int64
	origins := map[string]string{} // host:port as dialed → origin id
	var servers []*httptest.Server
	handler := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		me := origins[r.Host]
		mu.Unlock()
		sent.Add(int64(len(r.Cookies())))
		for _, c := range r.Cookies() {
			if !strings.HasPrefix(c.Name, me+"_") {
				mu.Lock()
				violations = append(violations, fmt.Sprintf("%s (%s%s) was sent %s=%s", me, r.Host, r.URL, c.Name, c.Value))
				mu.Unlock()
			}
		}
		switch rand.IntN(4) {
		case 0:
			http.SetCookie(w, &http.Cookie{Name: me + "_host", Value: "v"})
		case 1:
			host, _, _ := net.SplitHostPort(r.Host)
			w.Header().Add("Set-Cookie", me+"_dom=v; Domain="+host) // net/http's SetCookie drops [::1]
		case 2:
			http.SetCookie(w, &http.Cookie{Name: me + "_path", Value: "v", Path: "/"})
		}
		if to := r.URL.Query().Get("to"); to != "" && strings.HasPrefix(r.URL.Path, "/r") {
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=1")
		fmt.Fprintf(w, `{"v":"1","origin":%q}`, me)
	}
	var urls []string
	for i := range 2 {
		s := httptest.NewServer(http.HandlerFunc(handler))
		servers = append(servers, s)
		_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
		origins["127.0.0.1:"+port] = fmt.Sprintf("ip%d", i)
		origins["localhost:"+port] = fmt.Sprintf("lh%d", i)
		urls = append(urls, "http://127.0.0.1:"+port, "http://localhost:"+port)
	}
	if l6, err := net.Listen("tcp", "[::1]:0"); err == nil {
		s := &httptest.Server{Listener: l6, Config: &http.Server{Handler: http.HandlerFunc(handler)}}
		s.Start()
		servers = append(servers, s)
		origins[strings.TrimPrefix(s.URL, "http://")] = "v6"
		urls = append(urls, s.URL)
	}
	for _, s := range servers {
		defer s.Close()
	}
	c := client.New(client.WithBaseURL(urls[0]), client.WithStore(store.NewMemory()), client.WithHTTPCache(httpcache.WithShared()))
	defer c.CloseIdleConnections()
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 4))
			pick := func() string { return urls[rng.IntN(len(urls))] }
			for range 25 {
				opt := client.Option{URL: pick() + "/x", Mode: client.ModeCORS, Credentials: client.CredentialsInclude, Timeout: 3 * time.Second}
				switch rng.IntN(4) {
				case 0: // a redirect to another origin, and back at times
					opt.URL = pick() + "/r?to=" + pick() + "/r%3Fto%3D" + pick() + "/x"
				case 1: // a primary that fails, its backups on other origins
					opt.URL = pick() + "/down"
					opt.Backup = []string{pick() + "/down", pick() + "/x"}
				case 2:
					opt.UseStore, opt.StoreCheckKey, opt.StoreSign = true, "v", "1"
				}
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				if _, err := c.Request(ctx, opt); err != nil && ctx.Err() != nil {
					t.Errorf("%s: %v", opt.URL, err)
				}
				cancel()
			}
		}()
	}
	wg.Wait()
	if sent.Load() == 0 {
		t.Error("no cookie was sent at all: the jar was not exercised")
	}
	for i, v := range violations {
		if i < 20 {
			t.Error(v)
		}
	}
}
