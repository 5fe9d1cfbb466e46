package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/store"
)

// meServer answers /me with the caller's identity (from Authorization,
// X-Api-Key, X-Remote-User, X-User-Id or the sid cookie) and version v1; down makes it 503.
type meServer struct {
	*faultserver.Server
	down    atomic.Bool
	noStore atomic.Bool
}

func newMeServer(t *testing.T) *meServer {
	m := &meServer{}
	m.Server = faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if m.down.Load() {
			w.WriteHeader(503)
			return
		}
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: r.URL.Query().Get("as"), Path: "/"})
		}
		who := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + r.Header.Get("X-Api-Key") +
			r.Header.Get("X-Remote-User") + r.Header.Get("X-User-Id")
		if ck, err := r.Cookie("sid"); err == nil {
			who += ck.Value
		}
		if m.noStore.Load() {
			w.Header().Set("Cache-Control", "private, no-store")
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"version":"v1","user":"` + who + `"}`))
	})
	return m
}

// user is the identity the server saw, or the error.
func user(resp *client.Response, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	m, _ := resp.Data.(map[string]any)
	s, _ := m["user"].(string)
	return s
}

func TestStoreNeverAnswersOneUserWithAnother(t *testing.T) {
	for name, hdr := range map[string]func(who string) http.Header{
		"Authorization": func(who string) http.Header { return http.Header{"Authorization": {"Bearer " + who}} },
		"X-Api-Key":     func(who string) http.Header { return http.Header{"X-Api-Key": {who}} },
		// Who the user is, as a gateway in front of the caller tells it.
		"X-Remote-User": func(who string) http.Header { return http.Header{"X-Remote-User": {who}} },
		"X-User-Id":     func(who string) http.Header { return http.Header{"X-User-Id": {who}} },
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMeServer(t)
			c := fastClient(client.WithBaseURL(srv.URL))
			opt := func(who string) client.Option {
				return client.Option{URL: "/me", Header: hdr(who), UseStore: true, StoreCheckKey: "version", StoreSign: "v1"}
			}
			if got := user(c.Request(context.Background(), opt("alice"))); got != "alice" {
				t.Fatalf("alice got %q", got)
			}
			resp, err := c.Request(context.Background(), opt("bob"))
			if got := user(resp, err); got != "bob" || resp.FromStore || srv.Count() != 2 {
				t.Fatalf("bob got %q (from store %v, server saw %d)", got, resp.FromStore, srv.Count())
			}
			// Each user's own entry still answers without the network.
			resp, err = c.Request(context.Background(), opt("alice"))
			if got := user(resp, err); got != "alice" || !resp.FromStore || srv.Count() != 2 {
				t.Fatalf("alice again: %q from store %v", got, resp.FromStore)
			}
			// The stale fallback: carol has nothing stored, the server is
			// down: its 503, not alice's or bob's data.
			srv.down.Store(true)
			resp, err = c.Request(context.Background(), opt("carol"))
			if resp.StatusCode != 503 || resp.FromStore || resp.Data != nil {
				t.Fatalf("carol with the server down: %+v %v", resp, err)
			}
			stale := opt("bob")
			stale.StoreSign = "v2"
			if got := user(c.Request(context.Background(), stale)); got != "bob" {
				t.Fatalf("bob's own stale fallback: %q", got)
			}
		})
	}
}

func TestStorePartitionsByJarCookies(t *testing.T) {
	srv := newMeServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version", StoreSign: "v1", Credentials: client.CredentialsInclude}
	login := func(who string) {
		if _, err := c.Request(context.Background(), client.Option{URL: "/login?as=" + who, Credentials: client.CredentialsInclude}); err != nil {
			t.Fatal(err)
		}
	}
	login("alice")
	if got := user(c.Request(context.Background(), opt)); got != "alice" {
		t.Fatalf("alice got %q", got)
	}
	login("bob") // the jar's session is now bob's
	resp, err := c.Request(context.Background(), opt)
	if got := user(resp, err); got != "bob" || resp.FromStore {
		t.Fatalf("after the session changed: %q, from store %v", got, resp.FromStore)
	}
}

func TestStoreSkipsNoStoreResponses(t *testing.T) {
	srv := newMeServer(t)
	srv.noStore.Store(true)
	c := client.New(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version", StoreSign: "v1"}
	for i := range 2 {
		if resp, err := c.Request(context.Background(), opt); err != nil || resp.FromStore {
			t.Fatalf("call %d: %+v %v", i, resp, err)
		}
	}
	if srv.Count() != 2 {
		t.Fatalf("server saw %d requests, want 2: a no-store response was stored", srv.Count())
	}
}

// TestStoreKeysHoldNoSecret: the keys a Store receives hold no password,
// user name or token (they leave the process: Redis, snapshot files).
func TestStoreKeysHoldNoSecret(t *testing.T) {
	srv := newMeServer(t)
	keys := &keySpy{Store: store.NewMemory()}
	c := fastClient(client.WithStore(keys))
	u := strings.Replace(srv.URL, "http://", "http://alice:pw-secret@", 1) + "/me?access_token=tok-secret"
	if _, err := c.Request(context.Background(), client.Option{URL: u, UseStore: true,
		Header: http.Header{"Authorization": {"Bearer bearer-secret"}}}); err != nil {
		t.Fatal(err)
	}
	if len(keys.seen) == 0 {
		t.Fatal("the store saw no key")
	}
	for _, k := range keys.seen {
		for _, secret := range []string{"alice", "pw-secret", "tok-secret", "bearer-secret"} {
			if strings.Contains(k, secret) {
				t.Errorf("key %q holds %q", k, secret)
			}
		}
	}
	e, ok, _ := keys.Store.Get(context.Background(), keys.seen[len(keys.seen)-1])
	if !ok || strings.Contains(e.URL, "pw-secret") || strings.Contains(e.URL, "tok-secret") {
		t.Errorf("stored entry URL %q (found %v)", e.URL, ok)
	}
}

// keySpy records the keys of a Store's calls.
type keySpy struct {
	store.Store
	mu   sync.Mutex
	seen []string
}

func (s *keySpy) see(key string) {
	s.mu.Lock()
	s.seen = append(s.seen, key)
	s.mu.Unlock()
}

func (s *keySpy) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	s.see(key)
	return s.Store.Get(ctx, key)
}

func (s *keySpy) Set(ctx context.Context, key string, e store.Entry) error {
	s.see(key)
	return s.Store.Set(ctx, key, e)
}

// WithCredentialHeaders's names are part of the credential partition of the
// store and the HTTP cache, also through Client.Transport() in a plain
// http.Client, where requests carry no settings: one X-User is never
// answered with another's data.
func TestTransportKeepsClientCredentialHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=60")
		w.Write([]byte("data of " + r.Header.Get("X-User")))
	}))
	defer srv.Close()
	c := client.New(client.WithHTTPCache(), client.WithCredentialHeaders("X-User"))
	hc := &http.Client{Transport: c.Transport()}
	get := func(who string) string {
		req, _ := http.NewRequest("GET", srv.URL+"/me", nil)
		req.Header.Set("X-User", who)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get("alice"); got != "data of alice" {
		t.Fatalf("alice got %q", got)
	}
	if got := get("bob"); got != "data of bob" {
		t.Fatalf("bob got %q", got)
	}
}

// A mini-program's server behind WeChat Cloud Run (云托管) learns who the
// user is from the X-WX-OPENID and X-WX-UNIONID headers its gateway sets,
// and passes them on to the services it calls. They say who the user is
// as X-Remote-User does: two users whose requests differ only there must
// not share a stored answer. Bob was answered alice's stored /me.
func TestWeChatIdentityHeadersPartitionTheStore(t *testing.T) {
	for _, name := range []string{"X-WX-OPENID", "X-WX-UNIONID", "X-Openid"} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"v":"1","who":"`+r.Header.Get(name)+`"}`)
			}))
			defer srv.Close()
			c := client.New()
			call := func(who string) *client.Response {
				r, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/me", UseStore: true,
					StoreCheckKey: "v", StoreSign: "1", Header: http.Header{name: {who}}})
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			call("alice")
			if r := call("bob"); r.FromStore || r.Data.(map[string]any)["who"] != "bob" {
				t.Fatalf("bob got %v (FromStore %v)", r.Data, r.FromStore)
			}
			if r := call("alice"); !r.FromStore {
				t.Errorf("alice's repeat is not answered from the store")
			}
		})
	}
}
