package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// A redirect chain whose middle hop carries a cookie of the jar that the
// first URL does not get (a cookie of a path): the store keys the call by the
// first URL's partition (no cookie), so the chain's answer, which that
// cookie chose, must not be written under it. Two end users, each with a
// client of their own (as README says for jar sessions), share a store and
// a partition key (replicas on one Redis); alice's session cookie is scoped
// to /me. /start redirects to /me/go, which redirects to the file of the
// user whose cookie it got; the last hop carries no cookie.
func TestStoreKeepsNoAnswerAMidChainCookieChose(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sess", Value: "alice", Path: "/me"})
		case "/start", "/plain":
			next := "/me/go"
			if r.URL.Path == "/plain" {
				next = "/files/public"
			}
			http.Redirect(w, r, next, http.StatusFound)
		case "/me/go":
			who := "nobody"
			if ck, err := r.Cookie("sess"); err == nil {
				who = ck.Value
			}
			http.Redirect(w, r, "/files/"+who+"-private", http.StatusFound)
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"v":"1","file":%q}`, r.URL.Path)
		}
	}))
	defer srv.Close()

	shared := store.NewMemory()
	key := []byte("replicas-share-this-partition-key")
	newUserClient := func() *client.Client {
		return client.New(client.WithBaseURL(srv.URL), client.WithStore(shared), client.WithPartitionKey(key))
	}
	alice, bob := newUserClient(), newUserClient()
	ctx := context.Background()
	if _, err := alice.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	opt := client.Option{URL: "/start", UseStore: true, StoreCheckKey: "v", StoreSign: "1",
		Credentials: client.CredentialsInclude}
	a, err := alice.Request(ctx, opt)
	if err != nil || string(a.Raw) != `{"v":"1","file":"/files/alice-private"}` {
		t.Fatalf("alice: %v %s", err, a.Raw)
	}
	b, err := bob.Request(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if b.FromStore || string(b.Raw) != `{"v":"1","file":"/files/nobody-private"}` {
		t.Fatalf("bob got %s (FromStore %v): the answer alice's cookie chose on a hop", b.Raw, b.FromStore)
	}

	// A chain whose every hop goes as its first request did is kept.
	opt.URL = "/plain"
	if _, err := alice.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	b, err = bob.Request(ctx, opt)
	if err != nil || !b.FromStore || string(b.Raw) != `{"v":"1","file":"/files/public"}` {
		t.Fatalf("bob: %v %s FromStore %v, want the stored answer of a chain without credentials", err, b.Raw, b.FromStore)
	}
}
