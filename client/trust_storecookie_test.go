package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/storetest"
	"github.com/taroreq/taroreq/middleware/store"
)

// Callers without credentials share a store key: the stored answer must
// not hand the first caller's new session cookie to the next one. (The
// answer says public, so it is stored: one that does not is that new
// session's and is not, TestAnonymousSessionAnswerIsNotShared.)
func TestStoreNeverReplaysSetCookie(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "session-" + string(rune('0'+n.Add(1))), Path: "/"})
		w.Header().Set("Cache-Control", "public")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	c := client.New()
	opt := client.Option{URL: srv.URL + "/home", UseStore: true, StoreCheck: func(*client.Response) bool { return true }}
	first, err := c.Request(context.Background(), opt)
	if err != nil || first.FromStore {
		t.Fatalf("first: %v, from store %v", err, first.FromStore)
	}
	if len(first.Cookies) != 1 || first.Cookies[0].Value != "session-1" {
		t.Fatalf("the first caller lost its own cookie: %v", first.Cookies)
	}
	second, err := c.Request(context.Background(), opt)
	if err != nil || !second.FromStore {
		t.Fatalf("second: %v, from store %v", err, second.FromStore)
	}
	if len(second.Cookies) != 0 || second.Header.Get("Set-Cookie") != "" {
		t.Fatalf("a store hit replayed another caller's cookie: %v", second.Cookies)
	}
	if second.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("data %v", second.Data)
	}
}

// A session handed out in a header named like a credential (how
// mini-program servers do it) is not replayed either; the standard fields
// that only name a scheme are, and the first caller keeps its own token.
func TestStoreNeverReplaysSessionHeaders(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := string(rune('0' + n.Add(1)))
		w.Header().Set("X-Session-Token", "session-"+id)
		w.Header()["x-auth-token"] = []string{"auth-" + id} // any spelling
		w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
		w.Header().Set("Surrogate-Key", "conf tenant-7") // CDN purge tags: no one's
		w.Header().Set("Content-Signature", "sig=abc")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public") // else not written at all (TestAnonymousSessionHeaderAnswerIsNotShared)
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	c := client.New()
	opt := client.Option{URL: srv.URL + "/conf", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	bob, err := c.Request(context.Background(), opt)
	if err != nil || bob.FromStore || bob.Header.Get("X-Session-Token") != "session-1" {
		t.Fatalf("bob: %v, from store %v, token %q; want his own session-1", err, bob.FromStore, bob.Header.Get("X-Session-Token"))
	}
	carol, err := c.Request(context.Background(), opt)
	if err != nil || !carol.FromStore {
		t.Fatalf("carol: %v, from store %v", err, carol.FromStore)
	}
	if v := carol.Header.Get("X-Session-Token") + carol.Header.Get("x-auth-token") + carol.Header.Get("X-Auth-Token"); v != "" {
		t.Fatalf("a store hit replayed bob's session header: %q", v)
	}
	if carol.Header.Get("WWW-Authenticate") == "" || carol.Header.Get("Content-Type") != "application/json" ||
		carol.Header.Get("Surrogate-Key") == "" || carol.Header.Get("Content-Signature") == "" {
		t.Fatalf("a store hit lost fields that are no one's: %v", carol.Header)
	}
}

// A stored entry's Set-Cookie is never served: not by a store hit, not by
// the fallback when the network fails.
func TestStoreNeverServesStoredSetCookie(t *testing.T) {
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithStore(storetest.WithSetCookie{Store: store.NewMemory()}))
	hit := client.Option{URL: srv.URL + "/home", UseStore: true, StoreCheck: func(*client.Response) bool { return true }}
	if _, err := c.Request(context.Background(), hit); err != nil {
		t.Fatal(err)
	}
	fallback := hit
	fallback.StoreCheck, fallback.RetryTimes = nil, client.NoRetry
	fail.Store(true)
	for name, opt := range map[string]client.Option{"hit": hit, "fallback": fallback} {
		res, err := c.Request(context.Background(), opt)
		if err != nil || !res.FromStore {
			t.Fatalf("%s: %v, from store %v", name, err, res.FromStore)
		}
		if len(res.Cookies) != 0 || res.Header.Get("Set-Cookie") != "" {
			t.Errorf("%s served a stored Set-Cookie: %v", name, res.Cookies)
		}
		if res.Data.(map[string]any)["v"] != "1" {
			t.Errorf("%s: data %v", name, res.Data)
		}
	}
}
