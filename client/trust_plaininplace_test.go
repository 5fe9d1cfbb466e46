package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// inPlaceUserToken is a layer that writes the token of the user of the
// request's context into the request it was given, in place (as many
// RoundTrippers do, against net/http's contract): into its URL's query,
// its Authorization header or its body, as a JSON-RPC API takes it.
func inPlaceUserToken(how string) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if u, ok := req.Context().Value(innerUserKey{}).(string); ok {
				switch how {
				case "query":
					req.URL.RawQuery = "access_token=" + u
				case "header":
					req.Header.Set("Authorization", "Bearer "+u)
				case "body":
					req.Body, req.ContentLength = io.NopCloser(strings.NewReader(u)), int64(len(u))
				}
			}
			return next.RoundTrip(req)
		})
	}
}

// TestALayerBelowThatChangesAPlainRequestInPlaceKeepsUsersApart: the
// README says an answer whose request a layer below the store and the HTTP
// cache gave other credential headers or another URL (a token in its
// query) or body is neither written nor shared. For a plain http.Client's request
// the two compared the request the answer came to with their own: when
// the layer wrote the token into the request in place, the URL the layers
// above share (a shallow copy's) had changed too, and directly below the
// store the answer's request was the store's own, so the comparison saw
// nothing: alice's answer was written under the key without credentials
// and bob was answered alice's data, over a client's Transport and with
// the layers alone. They now compare with the URL, Host and partition as
// they were keyed (the method, and whether it had a body, too). A request
// the layer leaves as it is is still written.
func TestALayerBelowThatChangesAPlainRequestInPlaceKeepsUsersApart(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		who := r.URL.Query().Get("access_token")
		if who == "" {
			who = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		}
		if who == "" {
			b, _ := io.ReadAll(r.Body)
			who = string(b)
		}
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, who)
	}))
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	stacks := map[string]func(how string) http.RoundTripper{
		"client store": func(how string) http.RoundTripper {
			return client.New(client.WithInnerLayers(inPlaceUserToken(how)), client.WithStore(store.NewMemory(), always)).Transport()
		},
		"client cache": func(how string) http.RoundTripper {
			return client.New(client.WithInnerLayers(inPlaceUserToken(how)), client.WithHTTPCache()).Transport()
		},
		"store alone": func(how string) http.RoundTripper {
			return store.New(inPlaceUserToken(how)(srv.Client().Transport), store.NewMemory(), always)
		},
		"cache alone": func(how string) http.RoundTripper {
			return httpcache.New(inPlaceUserToken(how)(srv.Client().Transport))
		},
	}
	for name, stack := range stacks {
		for _, how := range []string{"query", "header", "body"} {
			hc := &http.Client{Transport: stack(how)}
			get := func(user string) string {
				t.Helper()
				ctx := context.Background()
				if user != "" {
					ctx = context.WithValue(ctx, innerUserKey{}, user)
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/me", nil)
				resp, err := hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return string(b)
			}
			for _, user := range []string{"alice", "bob"} {
				if who := get(user); who != user {
					t.Errorf("%s, token in the %s: %s got %q's data", name, how, user, who)
				}
			}
			hits.Store(0)
			get("")
			get("")
			if n := hits.Load(); n != 1 {
				t.Errorf("%s: a request the layer left as it was reached the origin %d times, want 1", name, n)
			}
		}
	}
}
