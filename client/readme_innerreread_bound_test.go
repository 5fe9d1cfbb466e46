package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// README (Security, store and HTTP cache): a layer below them that reads
// the body and puts back a reader of the same bytes "is told apart by
// comparing them, up to 1 MiB of a body the client made; ... a larger or
// streamed body keeps its answers from the store too". innerLayerRereadsTheBody
// holds the comparison on a small body; no test held the bound (1 MiB). A
// POST whose body of exactly 1 MiB an inner layer re-reads is answered
// from the store the second time; one of a byte more is not written.
func TestReadmeInnerLayerRereadComparedUpToOneMiB(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
		json.NewEncoder(w).Encode(map[string]string{"v": "1"})
	}))
	defer srv.Close()
	reread := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			b, err := io.ReadAll(req.Body)
			req.Body.Close()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = io.NopCloser(bytes.NewReader(b))
			return next.RoundTrip(req)
		})
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(reread))
	for _, tc := range []struct {
		size   int
		stored bool
	}{{1 << 20, true}, {1<<20 + 1, false}} {
		hits.Store(0)
		opt := client.Option{URL: "/rpc", Method: http.MethodPost, Data: strings.Repeat("x", tc.size),
			Header: http.Header{"Content-Type": {"text/plain"}}, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
		var fromStore bool
		for range 2 {
			r, err := c.Request(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			fromStore = r.FromStore
		}
		if fromStore != tc.stored || hits.Load() != map[bool]int32{true: 1, false: 2}[tc.stored] {
			t.Errorf("a re-read body of %d bytes: the second call from the store %v after %d requests; want %v",
				tc.size, fromStore, hits.Load(), tc.stored)
		}
	}
}
