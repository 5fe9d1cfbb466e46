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

// TestHTTPCacheFlightSeesTheSentOrigin: two calls in flight at once to one
// URL share one exchange only when the same request would go out: of two
// cors calls from the client's origin redirected to a third origin, the
// one whose chain went through another origin first (tainted: Origin:
// null) does not join the exchange of the one redirected there at once
// (the client's Origin), whose answer may be for that Origin alone.
func TestHTTPCacheFlightSeesTheSentOrigin(t *testing.T) {
	var dataURL, otherURL string
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		to := dataURL + "/data"
		if r.URL.Path == "/via" {
			to = otherURL + "/x"
		}
		http.Redirect(w, r, to, http.StatusFound)
	}))
	defer home.Close()
	arrived := make(chan string, 4)
	release := make(chan struct{})
	data := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- r.Header.Get("Origin")
		<-release
		w.Header().Set("Vary", "Origin")
		_, _ = w.Write([]byte(`{"origin":"` + r.Header.Get("Origin") + `"}`))
	}))
	defer data.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, data.URL+"/data", http.StatusFound)
	}))
	defer other.Close()
	dataURL, otherURL = data.URL, other.URL

	c := client.New(client.WithBaseURL(home.URL), client.WithHTTPCache())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got := make(chan string, 2)
	call := func(url string) {
		r, err := c.Request(ctx, client.Option{URL: url, Mode: client.ModeCORS})
		if err != nil {
			got <- err.Error()
			return
		}
		got <- r.Data.(map[string]any)["origin"].(string)
	}
	go call(home.URL + "/direct")
	if o := <-arrived; o != home.URL {
		t.Fatalf("direct call went with Origin %q", o)
	}
	go call(home.URL + "/via")
	select {
	case o := <-arrived:
		if o != "null" {
			t.Errorf("tainted hop went with Origin %q, want null", o)
		}
	case <-time.After(time.Second):
		t.Error("the tainted hop never reached the origin: it joined the exchange of a call with another Origin")
	}
	close(release)
	answers := map[string]bool{<-got: true, <-got: true}
	if !answers["null"] || !answers[home.URL] {
		t.Fatalf("answers %v, want one for %q and one for null", answers, home.URL)
	}
}
