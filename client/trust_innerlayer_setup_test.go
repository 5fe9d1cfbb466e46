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
)

// The inner-layer trust tests: two users share a client whose inner layer
// (WithInnerLayers) puts each one's token on the request below the store
// and the HTTP cache, which keyed the request before it, without the
// token. The watch (innercredentials.go) marks such a call, so that
// alice's answer never answers bob: the README promises that one user's
// entry never answers another's. A request the layer leaves as it is is
// still written and served.

type innerUserKey struct{}

// asUser is a context of user ("" none).
func asUser(user string) context.Context {
	if user == "" {
		return context.Background()
	}
	return context.WithValue(context.Background(), innerUserKey{}, user)
}

// innerUser is the user of req's context.
func innerUser(req *http.Request) (string, bool) {
	u, ok := req.Context().Value(innerUserKey{}).(string)
	return u, ok
}

// innerEdit is an inner layer that clones a request with a user and lets
// edit put the user on the clone.
func innerEdit(edit func(req *http.Request, user string)) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if u, ok := innerUser(req); ok {
				req = req.Clone(req.Context())
				edit(req, u)
			}
			return next.RoundTrip(req)
		})
	}
}

// innerToken puts the user in Authorization as a bearer token.
var innerToken = innerEdit(func(req *http.Request, u string) { req.Header.Set("Authorization", "Bearer "+u) })

// innerQueryToken puts the user in the query as access_token.
var innerQueryToken = innerEdit(func(req *http.Request, u string) {
	q := req.URL.Query()
	q.Set("access_token", u)
	req.URL.RawQuery = q.Encode()
})

// innerTenantHost sends the request to the user's virtual host (req.Host).
var innerTenantHost = innerEdit(func(req *http.Request, u string) { req.Host = u + ".tenants.test" })

// innerBodyToken puts the user in a JSON body as "auth", as a JSON-RPC API
// takes its token.
func innerBodyToken(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		u, ok := innerUser(req)
		if !ok || req.Body == nil || req.Body == http.NoBody {
			return next.RoundTrip(req)
		}
		var m map[string]any
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		m["auth"] = u
		nb, _ := json.Marshal(m)
		req = req.Clone(req.Context())
		req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(nb)), int64(len(nb))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(nb)), nil }
		return next.RoundTrip(req)
	})
}

// innerOrigin answers {"v":"1","who":who(r)} with maxAge, or 503 while down.
func innerOrigin(t *testing.T, maxAge string, who func(*http.Request) string) (*httptest.Server, *atomic.Bool) {
	down := new(atomic.Bool)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age="+maxAge)
		_ = json.NewEncoder(w).Encode(map[string]any{"v": "1", "who": who(r)})
	}))
	t.Cleanup(srv.Close)
	return srv, down
}

// newInnerClient is a client of base with layer, and the HTTP cache if asked.
func newInnerClient(t *testing.T, base string, layer middleware.Middleware, withCache bool) *client.Client {
	opts := []client.ClientOption{client.WithBaseURL(base), client.WithInnerLayers(layer)}
	if withCache {
		opts = append(opts, client.WithHTTPCache())
	}
	cl := client.New(opts...)
	t.Cleanup(cl.CloseIdleConnections)
	return cl
}

// plainInner is a plain http.Client's GET of url as user: status and "who".
func plainInner(t *testing.T, hc *http.Client, user, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(asUser(user), http.MethodGet, url, nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	var m map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m["who"]
}
