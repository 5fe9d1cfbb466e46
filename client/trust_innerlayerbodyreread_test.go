package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// TestInnerLayerThatRereadsTheBodyKeepsTheStore: an inner layer that reads
// a POST's body and puts another reader of the same bytes on the request
// (a logging layer's httputil.DumpRequestOut, a signing layer that hashes
// it) sent the request the store keyed: its answer is written and served.
// 0c60e5a's watch compared the reader values alone, so no such call was
// ever answered from the store. A layer that puts other bytes of the same
// length (each user's token) still keeps alice's and bob's answers apart.
func TestInnerLayerThatRereadsTheBodyKeepsTheStore(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.NewEncoder(w).Encode(map[string]any{"v": "1", "body": string(b)})
	}))
	defer srv.Close()
	dump := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if _, err := httputil.DumpRequestOut(req, true); err != nil {
				return nil, err
			}
			return next.RoundTrip(req)
		})
	}
	opt := client.Option{URL: "/rpc", Method: http.MethodPost, Data: map[string]any{"method": "version"},
		UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	cl := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(dump))
	defer cl.CloseIdleConnections()
	for i := range 2 {
		r, err := cl.Request(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && !r.FromStore {
			t.Error("a body a layer read and put back as it was was not answered from the store")
		}
	}

	// Same length, other bytes: each user's name over "XXXXX".
	swap := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			u, _ := req.Context().Value(innerUserKey{}).(string)
			b, err := io.ReadAll(req.Body)
			req.Body.Close()
			if err != nil {
				return nil, err
			}
			b = bytes.Replace(b, []byte("XXXXX"), []byte(u), 1)
			req = req.Clone(req.Context())
			req.Body = io.NopCloser(bytes.NewReader(b))
			return next.RoundTrip(req)
		})
	}
	cl2 := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(swap))
	defer cl2.CloseIdleConnections()
	opt.Data = map[string]any{"auth": "XXXXX"}
	for _, user := range []string{"alice", "bobby"} {
		r, err := cl2.Request(context.WithValue(context.Background(), innerUserKey{}, user), opt)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := r.Data.(map[string]any); !bytes.Contains([]byte(m["body"].(string)), []byte(user)) {
			t.Errorf("%s got %v (from the store %v)", user, m["body"], r.FromStore)
		}
	}
}
