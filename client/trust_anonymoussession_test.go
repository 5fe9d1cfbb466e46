package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// sessionServer hands each request without a session cookie a new one, and
// answers with what is bound to it: a CSRF token, a link that carries the
// session (a servlet container's URL rewriting, for clients that send no
// cookie). cc is the answer's Cache-Control.
func sessionServer(t *testing.T, cc string) *recorder {
	var n atomic.Int64
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		id := fmt.Sprintf("visitor%d", n.Add(1))
		if _, err := r.Cookie("sid"); err != nil {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: id, Path: "/"})
		}
		w.Header().Set("Cache-Control", cc)
		fmt.Fprintf(w, `{"v":"1","csrf":"csrf-of-%s","cart":"/cart;jsessionid=%s"}`, id, id)
	})
}

// An answer that hands a request without credentials a new session
// (Set-Cookie) is that session's: its body holds what is bound to it (a
// CSRF token, a ;jsessionid= link that is the session itself). The store
// and the HTTP cache wrote it under the partition of requests without
// credentials, which every caller without credentials shares (other users
// of the client, other clients and replicas on one storage): the next
// anonymous caller got the first one's session links, the Set-Cookie
// alone left out. It is not written now, as a plain http.Client's is not
// (middleware.HandsCookie), unless it says public.
func TestAnonymousSessionAnswerIsNotShared(t *testing.T) {
	checkAnonymousAnswersNotShared(t, "cookie", func() *recorder { return sessionServer(t, "max-age=60") }, "cart")
}

// anonymousCacheModes are the two ways a client keeps answers: its store
// and its HTTP cache.
var anonymousCacheModes = []struct {
	name string
	opt  client.Option
}{
	{"store", client.Option{UseStore: true, StoreCheckKey: "v", StoreSign: "1", Cache: client.CacheNoStore}},
	{"http cache", client.Option{}},
}

// checkAnonymousAnswersNotShared makes two calls without credentials to a
// server from newServer, through the store and through the HTTP cache, and
// fails if the second got the first one's session-bound field, or if
// fewer than two requests reached the server.
func checkAnonymousAnswersNotShared(t *testing.T, name string, newServer func() *recorder, field string) {
	t.Helper()
	for _, tc := range anonymousCacheModes {
		srv := newServer()
		c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
		var got [2]string
		for i := range got {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			o := tc.opt
			o.URL = "/form"
			r, err := c.Request(ctx, o)
			cancel()
			if err != nil {
				t.Fatalf("%s %s: %v", name, tc.name, err)
			}
			got[i] = fmt.Sprint(r.Data.(map[string]any)[field])
		}
		if got[0] == got[1] || srv.count.Load() != 2 {
			t.Errorf("%s %s: the second caller without credentials got %q (the first got %q), %d requests reached the server",
				name, tc.name, got[1], got[0], srv.count.Load())
		}
	}
}

// What the origin says is everyone's (public) is still kept and served to
// every caller without credentials, its Set-Cookie left out; and a session
// handed to a caller with credentials is that caller's, kept under its
// partition: its next call is answered from the store.
func TestSessionAnswerKeptWhenPublicOrCredentialed(t *testing.T) {
	srv := sessionServer(t, "public, max-age=60")
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for range 2 {
		r, err := c.Request(ctx, client.Option{URL: "/news"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Header.Get("Set-Cookie") != "" && r.FromCache {
			t.Errorf("a stored answer carries a Set-Cookie: %v", r.Header)
		}
	}
	if n := srv.count.Load(); n != 1 {
		t.Errorf("public: %d requests reached the server, want 1", n)
	}

	srv = sessionServer(t, "max-age=60")
	c = client.New(client.WithBaseURL(srv.URL))
	for i := range 2 {
		r, err := c.Request(ctx, client.Option{URL: "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1",
			Header: http.Header{"Authorization": {"Bearer alice"}}})
		if err != nil {
			t.Fatal(err)
		}
		if r.FromStore != (i == 1) {
			t.Errorf("call %d of the same user: from store %v", i, r.FromStore)
		}
	}
}
