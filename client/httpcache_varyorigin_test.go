package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestHTTPCacheVaryOriginSeesTheSentOrigin: under Mode cors the client's
// bottom layer sets Origin, below the HTTP cache, and sets "null" on a hop
// after a redirect from another origin to yet another (fetch's tainted
// origin). A response that says Vary: Origin, cached for a call that went
// with the client's origin, is not the answer to such a hop, which goes
// with Origin: null: the origin is asked, as a browser's cache would ask
// it; a call with the client's origin again is served the entry.
func TestHTTPCacheVaryOriginSeesTheSentOrigin(t *testing.T) {
	home := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer home.Close()
	var asked atomic.Int32
	data := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "Origin")
		_, _ = w.Write([]byte(`{"origin":"` + r.Header.Get("Origin") + `"}`))
	}))
	defer data.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, data.URL+"/data", http.StatusFound)
	}))
	defer other.Close()

	c := client.New(client.WithBaseURL(home.URL), client.WithHTTPCache())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	origin := func(url string) (string, bool) {
		t.Helper()
		r, err := c.Request(ctx, client.Option{URL: url, Mode: client.ModeCORS})
		if err != nil {
			t.Fatal(err)
		}
		return r.Data.(map[string]any)["origin"].(string), r.FromCache
	}
	if got, _ := origin(data.URL + "/data"); got != home.URL {
		t.Fatalf("direct cors call: server saw Origin %q, want %q", got, home.URL)
	}
	if got, cached := origin(other.URL + "/x"); got != "null" || cached {
		t.Fatalf("hop after a redirect from another origin: answer for Origin %q (from cache %v), want the origin's for null", got, cached)
	}
	if got, cached := origin(data.URL + "/data"); got != home.URL || !cached {
		t.Fatalf("direct cors call again: answer for Origin %q (from cache %v), want the entry for %q", got, cached, home.URL)
	}
	if n := asked.Load(); n != 2 {
		t.Fatalf("origin asked %d times, want 2", n)
	}
}
