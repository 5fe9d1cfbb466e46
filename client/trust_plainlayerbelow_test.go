package client_test

import (
	"bytes"
	"encoding/json"
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

// Plain http.Client requests through a layer below the store and the HTTP
// cache that puts each user's token on the request: in a body (a copy),
// or in place in the query, a header or the body. A plain request carries
// no Call, so the client's watch (innercredentials.go) does not see it:
// the store and the cache compare the request sent with what they keyed.

// storeAlways is a store check that takes every answer.
var storeAlways = store.WithCheck(func(*http.Response, []byte) bool { return true })

// plainGetAsUser is the body of a plain GET of url as user ("" none).
func plainGetAsUser(t *testing.T, hc *http.Client, url, user string) []byte {
	t.Helper()
	req, _ := http.NewRequestWithContext(asUser(user), http.MethodGet, url, nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

// innerBodyTokenOnGET is an inner layer that sends a GET of the user of
// its context with that user's token in a JSON body, as a JSON-RPC API
// takes it: as a POST (post), or as a GET with a body.
func innerBodyTokenOnGET(post bool) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			u, ok := innerUser(req)
			if !ok {
				return next.RoundTrip(req)
			}
			b, _ := json.Marshal(map[string]string{"auth": u})
			req = req.Clone(req.Context())
			if post {
				req.Method = http.MethodPost
			}
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
			return next.RoundTrip(req)
		})
	}
}

// TestInnerLayerBodyTokenOverAPlainClientKeepsUsersApart: the README says
// an answer whose request an inner layer gave another body (a token in a
// JSON-RPC call's body) is neither written nor shared, and that a client's
// Transport in a plain http.Client keys answers as the client's calls do.
// The client's watch around the inner layers looks at calls only; for a
// plain request the store and the HTTP cache compared the URL, the Host
// and the credential headers of the request sent with theirs, not its
// method or body: with an inner layer putting each user's token in the
// body, alice's answer was written under the key of the GET without
// credentials and bob was answered alice's data, from the store and from
// the cache. A request the layer leaves as it is is still written and
// served.
func TestInnerLayerBodyTokenOverAPlainClientKeepsUsersApart(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		var m map[string]string
		_ = json.NewDecoder(r.Body).Decode(&m)
		w.Header().Set("Cache-Control", "max-age=60")
		_ = json.NewEncoder(w).Encode(map[string]string{"v": "1", "who": m["auth"]})
	}))
	defer srv.Close()
	get := func(hc *http.Client, user string) string {
		t.Helper()
		var m map[string]string
		if err := json.Unmarshal(plainGetAsUser(t, hc, srv.URL+"/me", user), &m); err != nil {
			t.Fatal(err)
		}
		return m["who"]
	}
	for _, post := range []bool{true, false} {
		for _, kind := range []string{"store", "cache"} {
			opts := []client.ClientOption{client.WithInnerLayers(innerBodyTokenOnGET(post))}
			if kind == "store" {
				opts = append(opts, client.WithStore(store.NewMemory(), storeAlways))
			} else {
				opts = append(opts, client.WithHTTPCache())
			}
			cl := client.New(opts...)
			hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
			for _, user := range []string{"alice", "bob"} {
				if who := get(hc, user); who != user {
					t.Errorf("%s, token as a POST %v: %s got %q's data", kind, post, user, who)
				}
			}
			// No token added: the answer is the key's, and answers again.
			hits.Store(0)
			get(hc, "")
			get(hc, "")
			if n := hits.Load(); n != 1 {
				t.Errorf("%s: a request the layer left as it was reached the origin %d times, want 1 (then the %s)", kind, n, kind)
			}
			cl.CloseIdleConnections()
		}
	}
}

// inPlaceUserToken is a layer that writes the token of the user of the
// request's context into the request it was given, in place (as many
// RoundTrippers do, against net/http's contract): into its URL's query,
// its Authorization header or its body, as a JSON-RPC API takes it.
func inPlaceUserToken(how string) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if u, ok := innerUser(req); ok {
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
	stacks := map[string]func(how string) http.RoundTripper{
		"client store": func(how string) http.RoundTripper {
			return client.New(client.WithInnerLayers(inPlaceUserToken(how)), client.WithStore(store.NewMemory(), storeAlways)).Transport()
		},
		"client cache": func(how string) http.RoundTripper {
			return client.New(client.WithInnerLayers(inPlaceUserToken(how)), client.WithHTTPCache()).Transport()
		},
		"store alone": func(how string) http.RoundTripper {
			return store.New(inPlaceUserToken(how)(srv.Client().Transport), store.NewMemory(), storeAlways)
		},
		"cache alone": func(how string) http.RoundTripper {
			return httpcache.New(inPlaceUserToken(how)(srv.Client().Transport))
		},
	}
	for name, stack := range stacks {
		for _, how := range []string{"query", "header", "body"} {
			hc := &http.Client{Transport: stack(how)}
			get := func(user string) string { return string(plainGetAsUser(t, hc, srv.URL+"/me", user)) }
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
