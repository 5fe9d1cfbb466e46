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

// A Task's OnHeadersReceived listener gets the header as its own: what it
// writes there reaches no other caller. It got the answer's live header,
// which the store and the HTTP cache then wrote, and which an exchange
// other callers shared was made of: a listener's edit (here X-Info and an
// added X-Listener) was served to the next caller without credentials of
// the same URL, another user, from the store or the cache.
func TestTaskListenerWritesReachNoOtherCaller(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond) // concurrent callers share the HTTP cache's exchange
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("X-Info", "origin")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":1}`))
	}))
	defer api.Close()
	edit := func(h client.Headers) {
		h.Header.Set("X-Info", "alice's listener")
		h.Header.Set("X-Listener", "alice")
	}
	untouched := func(t *testing.T, who string, r *client.Response) {
		t.Helper()
		if got := r.Header.Get("X-Info"); got != "origin" || r.Header.Get("X-Listener") != "" {
			t.Errorf("%s got X-Info %q, X-Listener %q: alice's listener wrote them", who, got, r.Header.Get("X-Listener"))
		}
	}
	for _, useStore := range []bool{false, true} {
		name := "cache"
		var opts []client.ClientOption
		if useStore {
			name = "store"
		} else {
			opts = append(opts, client.WithHTTPCache())
		}
		opt := client.Option{URL: api.URL + "/conf", UseStore: useStore,
			StoreCheck: func(*client.Response) bool { return true }}
		t.Run(name+"/sequential", func(t *testing.T) {
			c := client.New(opts...)
			for range 2 { // a miss, then a hit: neither changes what bob gets
				task := c.Go(context.Background(), opt)
				task.OnHeadersReceived(edit)
				ra, err := task.Wait()
				if err != nil {
					t.Fatal(err)
				}
				untouched(t, "alice", ra)
			}
			rb, err := c.Request(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if useStore && !rb.FromStore || !useStore && !rb.FromCache {
				t.Fatalf("bob's answer was not stored one (FromStore %v, FromCache %v)", rb.FromStore, rb.FromCache)
			}
			untouched(t, "bob", rb)
		})
	}
	t.Run("cache/coalesced", func(t *testing.T) {
		c := client.New(client.WithHTTPCache())
		opt := client.Option{URL: api.URL + "/live"} // Cache default: identical misses coalesce
		task := c.Go(context.Background(), opt)
		task.OnHeadersReceived(edit)
		time.Sleep(5 * time.Millisecond) // alice's exchange is under way: bob joins it
		var wg sync.WaitGroup
		var rb *client.Response
		var errB error
		wg.Go(func() { rb, errB = c.Request(context.Background(), opt) })
		if _, err := task.Wait(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if errB != nil {
			t.Fatal(errB)
		}
		untouched(t, "bob", rb)
	})
}

// Each listener of a Task gets a header of its own, as OnHeadersReceived
// says ("fn's own"): the listeners shared one copy, so what one wrote
// there the next one read as the server's.
func TestTaskListenersEachGetTheirOwnHeader(t *testing.T) {
	registered := make(chan struct{})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-registered // the listeners are registered by then
		w.Header().Set("X-Info", "origin")
		_, _ = w.Write([]byte("ok"))
	}))
	defer api.Close()
	c := client.New()
	task := c.Go(context.Background(), client.Option{URL: api.URL})
	var mu sync.Mutex
	var seen []string
	listen := func(h client.Headers) {
		mu.Lock()
		seen = append(seen, h.Header.Get("X-Info"))
		mu.Unlock()
		h.Header.Set("X-Info", "a listener's")
	}
	task.OnHeadersReceived(listen)
	task.OnHeadersReceived(listen)
	close(registered)
	if _, err := task.Wait(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 2 || seen[0] != "origin" || seen[1] != "origin" {
		t.Errorf("listeners read X-Info %q, want the server's twice", seen)
	}
}
