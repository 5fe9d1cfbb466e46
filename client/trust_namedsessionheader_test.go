package client_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// namedSessionServer answers each request with a new session in field (a
// header the caller names with WithCredentialHeaders), and what is bound
// to it in the body.
func namedSessionServer(t *testing.T, field string) *recorder {
	var n atomic.Int64
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		id := fmt.Sprintf("visitor%d", n.Add(1))
		w.Header()[field] = []string{"ws-" + id}
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprintf(w, `{"v":"1","csrf":"csrf-of-%s"}`, id)
	})
}

// A header the caller names with WithCredentialHeaders holds a credential
// in an answer too, as the built-in names do: the store and the HTTP cache
// knew the built-in ones alone (middleware.Personal), so an answer handing
// a caller without credentials an X-Workspace was kept for every such
// caller, the next of whom got it, the first one's workspace token, in the
// stored header and its CSRF token in the body; and a caller's own stored
// answer carried the field. Now such an answer to a caller without
// credentials is not written, and no stored answer carries the field,
// whatever its spelling, in a client and in a plain http.Client.
func TestANamedCredentialHeaderInAnAnswerIsNotShared(t *testing.T) {
	for _, field := range []string{"X-Workspace", "x-workspace"} {
		for _, mode := range anonymousCacheModes {
			srv := namedSessionServer(t, field)
			c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache(), client.WithCredentialHeaders("X-Workspace"))
			for i := range 2 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				o := mode.opt
				o.URL = "/form"
				r, err := c.Request(ctx, o)
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				if r.FromStore || r.FromCache {
					t.Errorf("%s, %s, call %d: served from storage: %v %v", field, mode.name, i, r.Header, r.Data)
				}
			}

			// A caller with credentials gets its answer kept, without the field.
			c = client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache(), client.WithCredentialHeaders("X-Workspace"))
			for i := range 2 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				o := mode.opt
				o.URL, o.Header = "/me", http.Header{"Authorization": {"Bearer alice"}}
				r, err := c.Request(ctx, o)
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				if kept := r.FromStore || r.FromCache; i == 1 && (!kept || headerHas(r.Header, "X-Workspace")) {
					t.Errorf("%s, %s, alice's second call: kept %v, header %v", field, mode.name, kept, r.Header)
				}
			}
		}
		for name, rt := range map[string]http.RoundTripper{
			"plain store": store.New(nil, store.NewMemory(), storeAlways, store.WithCredentialHeaders("X-Workspace")),
			"plain cache": httpcache.New(nil, httpcache.WithCredentialHeaders("X-Workspace")),
		} {
			srv := namedSessionServer(t, field)
			if got := getTwice(t, rt, srv.URL+"/form"); got[0] == got[1] || srv.count.Load() != 2 {
				t.Errorf("%s, %s: the second caller got %s, %d requests reached the server", field, name, got[1], srv.count.Load())
			}
		}
	}
}

func headerHas(h http.Header, name string) bool {
	for k := range h {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}
