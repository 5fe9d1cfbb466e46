package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// fetch, HTTP-redirect fetch step 13: a redirect from another origin than
// the client's (request's origin) to yet another origin sets the tainted
// origin flag, and a tainted origin is serialized as "null": the hops of a
// cors call after it carry "Origin: null", a hop back to the client's own
// origin too (its response tainting is cors by then). The client sent its
// own origin to the third origin, as if its page had asked, and none back
// home. A redirect from the client's origin to another leaves it untainted;
// one a backup of another origin answers with taints it.
func TestCORSRedirectThroughAnotherOriginTaintsTheOrigin(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{} // path -> Origin
	var urls sync.Map
	handler := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Host+r.URL.Path] = r.Header.Get("Origin")
		mu.Unlock()
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if to := r.URL.Query().Get("to"); to != "" {
			u, _ := urls.Load(to)
			loc := u.(string) + "/hop"
			if then := r.URL.Query().Get("then"); then != "" {
				loc += "?to=" + then
			}
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}
	a := httptest.NewServer(http.HandlerFunc(handler))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(handler))
	defer b.Close()
	third := httptest.NewServer(http.HandlerFunc(handler))
	defer third.Close()
	urls.Store("A", a.URL)
	urls.Store("B", b.URL)
	urls.Store("C", third.URL)
	host := func(s *httptest.Server) string { return s.Listener.Addr().String() }

	c := client.New(client.WithBaseURL(a.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, tc := range []struct {
		name, url string
		want      map[string]string
		backup    string
	}{
		{"A fails, backup B to A", "/fail", map[string]string{
			host(a) + "/fail": "", host(b) + "/start": a.URL, host(a) + "/hop": "null"}, b.URL + "/start?to=A"},
		{"A to B to C", "/start?to=B&then=C", map[string]string{
			host(a) + "/start": "", host(b) + "/hop": a.URL, host(third) + "/hop": "null"}, ""},
		{"A to B to A", "/start?to=B&then=A", map[string]string{
			host(a) + "/start": "", host(b) + "/hop": a.URL, host(a) + "/hop": "null"}, ""},
		{"B to A", b.URL + "/start?to=A", map[string]string{
			host(b) + "/start": a.URL, host(a) + "/hop": "null"}, ""},
		{"A to A to B", "/start?to=A&then=B", map[string]string{
			host(a) + "/start": "", host(a) + "/hop": "", host(b) + "/hop": a.URL}, ""},
	} {
		mu.Lock()
		clear(seen)
		mu.Unlock()
		opt := client.Option{URL: tc.url, Mode: client.ModeCORS, RetryTimes: client.NoRetry}
		if tc.backup != "" {
			opt.Backup = []string{tc.backup}
		}
		if _, err := c.Request(ctx, opt); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		mu.Lock()
		for k, want := range tc.want {
			if got, ok := seen[k]; !ok || got != want {
				t.Errorf("%s: %s got Origin %q (sent: %v), want %q", tc.name, k, got, ok, want)
			}
		}
		mu.Unlock()
	}
}
