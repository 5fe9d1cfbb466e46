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

// headerSessionServer hands each request without a session token a new one
// in a response header, as servers do for clients that cannot count on
// cookies (mini-programs), and answers with what is bound to it. cc is the
// answer's Cache-Control.
func headerSessionServer(t *testing.T, field, cc string) *recorder {
	var n atomic.Int64
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		id := fmt.Sprintf("visitor%d", n.Add(1))
		w.Header().Set(field, "session-"+id)
		w.Header().Set("Cache-Control", cc)
		fmt.Fprintf(w, `{"v":"1","csrf":"csrf-of-%s"}`, id)
	})
}

// An answer that hands a caller without credentials a session in a header
// named like a credential (X-Session-Token) is that session's, as one that
// hands it a cookie is: its body holds what is bound to it. The store and
// the HTTP cache kept it, the header alone left out, for every caller
// without credentials; it is not written now unless it says public, and a
// caller with credentials still gets its own kept.
func TestAnonymousSessionHeaderAnswerIsNotShared(t *testing.T) {
	for _, field := range []string{"X-Session-Token", "X-Auth-Token"} {
		checkAnonymousAnswersNotShared(t, field, func() *recorder { return headerSessionServer(t, field, "max-age=60") }, "csrf")
	}

	srv := headerSessionServer(t, "X-Session-Token", "public, max-age=60")
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	opt := client.Option{URL: "/news", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	for i := range 2 {
		r, err := c.Request(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if r.FromStore != (i == 1) || r.FromStore && r.Header.Get("X-Session-Token") != "" {
			t.Errorf("public, call %d: from store %v, session %q", i, r.FromStore, r.Header.Get("X-Session-Token"))
		}
	}

	srv = headerSessionServer(t, "X-Session-Token", "max-age=60")
	c = client.New(client.WithBaseURL(srv.URL))
	opt = client.Option{URL: "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1", Header: http.Header{"Authorization": {"Bearer alice"}}}
	for i := range 2 {
		r, err := c.Request(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if r.FromStore != (i == 1) {
			t.Errorf("call %d of the same user: from store %v", i, r.FromStore)
		}
	}
}
