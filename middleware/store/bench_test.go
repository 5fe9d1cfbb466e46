package store_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

func always(*http.Response, []byte) bool { return true }

// The layer's cost when the request does not use the store, and a store hit
// of a small JSON response answered with no transport at all.
func BenchmarkStoreLayer(b *testing.B) {
	st := store.NewMemory()
	st.Set(context.Background(), store.Key("GET", "http://stub.test/", nil, ""), store.Entry{
		StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: []byte(`{"id":1,"name":"taroreq","tags":["a","b"]}`), URL: "http://stub.test/",
	})
	layertest.Bench(b,
		layertest.Case{Name: "with_store_hit", RT: store.New(layertest.Stub, st, store.WithCheck(always))},
	)
	b.Run("with_store_off", func(b *testing.B) {
		rt := store.New(layertest.Stub, st)
		call := middleware.NewCall(middleware.Settings{})
		req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", "http://stub.test/", nil)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			resp, err := rt.RoundTrip(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
		}
	})
}
