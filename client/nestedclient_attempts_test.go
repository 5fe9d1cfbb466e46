package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// A client over another client's Transport() sends each attempt once, and
// says so: Response.Attempts counts what reached the origin, not each
// client's bottom layer it went through.
func TestNestedClientCountsEachAttemptOnce(t *testing.T) {
	var hits atomic.Int32
	fail := atomic.Bool{}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if fail.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, inner := range []*client.Client{client.New(), client.New(client.WithLayers())} {
		testNestedAttempts(ctx, t, api.URL, client.New(client.WithTransport(inner.Transport())), &hits, &fail)
	}
}

// testNestedAttempts asks api through outer, answering and failing.
func testNestedAttempts(ctx context.Context, t *testing.T, api string, outer *client.Client, hits *atomic.Int32, fail *atomic.Bool) {
	t.Helper()
	for _, failing := range []bool{false, true} {
		fail.Store(failing)
		hits.Store(0)
		res, err := outer.Request(ctx, client.Option{URL: api})
		if err != nil {
			t.Fatal(err)
		}
		if int(hits.Load()) != res.Attempts {
			t.Errorf("failing %v: %d requests reached the origin, Attempts says %d", failing, hits.Load(), res.Attempts)
		}
	}
}

// A call the inner client's HTTP cache or store answers reached no origin:
// Attempts says 0, as a client with that cache says of its own hit (the
// outer bottom layer had counted it as sent); a redirect hop the inner
// cache answers and the next one it sends count one.
func TestNestedClientCountsNoAttemptForAnInnerHit(t *testing.T) {
	var hits atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/moved" {
			w.Header().Set("Cache-Control", "max-age=600")
			http.Redirect(w, r, "/fresh", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		if r.URL.Path == "/fresh" {
			w.Header().Set("Cache-Control", "no-store")
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, o := range []struct {
		client.Option
		wire int
	}{
		{client.Option{URL: api.URL + "/cached"}, 0},
		{client.Option{URL: api.URL + "/stored", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}, 0},
		{client.Option{URL: api.URL + "/moved"}, 1},
	} {
		inner := client.New(client.WithHTTPCache(), client.WithStore(store.NewMemory()))
		outer := client.New(client.WithTransport(inner.Transport()))
		for i := range 2 {
			hits.Store(0)
			res, err := outer.Request(ctx, o.Option)
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 && (int(hits.Load()) != o.wire || res.Attempts != o.wire) {
				t.Errorf("%s again: %d requests reached the origin, Attempts says %d, want %d", o.URL, hits.Load(), res.Attempts, o.wire)
			}
		}
	}
}
