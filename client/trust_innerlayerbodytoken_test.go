package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// innerBodyToken is an inner layer (WithInnerLayers) that puts the user of
// the request's context in its JSON body as "auth", as a JSON-RPC API
// takes its token, below the store.
func innerBodyToken(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		u, ok := req.Context().Value(innerUserKey{}).(string)
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

// TestInnerLayerBodyTokenKeepsUsersApart: as
// TestInnerLayerQueryTokenKeepsUsersApart, with an inner layer that puts
// each user's token in the body of a POST (a JSON-RPC call's "auth"). The
// store keys a POST by the hash of the body the call made, without the
// token: the watch compared the URL, the Host and the credential headers,
// not the body, so alice's answer was written under that key and bob was
// answered alice's data from the store. A body the layer leaves as it is
// is still written and served.
func TestInnerLayerBodyTokenKeepsUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		_ = json.NewEncoder(w).Encode(map[string]any{"v": "1", "who": m["auth"]})
	}))
	defer srv.Close()
	cl := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(innerBodyToken))
	defer cl.CloseIdleConnections()
	opt := client.Option{URL: "/rpc", Method: http.MethodPost, Data: map[string]any{"method": "user.get"},
		UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	for _, user := range []string{"alice", "bob"} {
		r, err := cl.Request(context.WithValue(context.Background(), innerUserKey{}, user), opt)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := r.Data.(map[string]any); m["who"] != user {
			t.Errorf("%s got %v's data (from the store %v)", user, m["who"], r.FromStore)
		}
	}
	// No token added: the answer is the key's, and answers again.
	opt.Data = map[string]any{"method": "version"}
	for i := range 2 {
		r, err := cl.Request(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && !r.FromStore {
			t.Error("a body the layer left as it was was not answered from the store")
		}
	}
}
