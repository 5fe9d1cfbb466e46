package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// innerBodyTokenOnGET is an inner layer that sends a GET of the user of
// its context with that user's token in a JSON body, as a JSON-RPC API
// takes it: as a POST (post), or as a GET with a body.
func innerBodyTokenOnGET(post bool) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			u, ok := req.Context().Value(innerUserKey{}).(string)
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
		var m map[string]string
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		return m["who"]
	}
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	for _, post := range []bool{true, false} {
		for _, kind := range []string{"store", "cache"} {
			opts := []client.ClientOption{client.WithInnerLayers(innerBodyTokenOnGET(post))}
			if kind == "store" {
				opts = append(opts, client.WithStore(store.NewMemory(), always))
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
