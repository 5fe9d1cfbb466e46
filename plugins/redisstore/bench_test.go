package redisstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// stores returns the backends compared: Redis on loopback and the
// in-process store.Memory.
func stores(b *testing.B) []struct {
	name string
	st   store.Store
} {
	_, rdb := newRedis(b)
	return []struct {
		name string
		st   store.Store
	}{{"redis", redisstore.New(rdb)}, {"memory", store.NewMemory()}}
}

// A store hit of a small JSON entry: Get alone.
func BenchmarkGet(b *testing.B) {
	key := store.Key("GET", "http://api.test/items?id=1", nil, "")
	e := store.Entry{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: []byte(`{"id":1,"name":"taroreq","tags":["a","b"],"v":"1"}`), URL: "http://api.test/items?id=1"}
	for _, s := range stores(b) {
		b.Run(s.name, func(b *testing.B) {
			ctx := context.Background()
			if err := s.st.Set(ctx, key, e); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, ok, err := s.st.Get(ctx, key); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

// A whole client request answered from the store (UseStore with a sign that
// matches): the server is never asked after the first request.
func BenchmarkClientStoreHit(b *testing.B) {
	var hits int
	api := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits++
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":1,"name":"taroreq","tags":["a","b"],"v":"1"}`))
	})
	for _, s := range stores(b) {
		b.Run(s.name, func(b *testing.B) {
			c := client.New(client.WithStore(s.st), client.WithTransport(handlerTransport{api}))
			opt := client.Option{URL: "http://api.test/items", Data: map[string]any{"id": 1},
				UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
			ctx := context.Background()
			c.Request(ctx, opt)
			hits = 0
			b.ReportAllocs()
			for b.Loop() {
				r, err := c.Request(ctx, opt)
				if err != nil || !r.FromStore {
					b.Fatal(r, err)
				}
			}
			if hits != 0 {
				b.Fatalf("%d requests reached the server", hits)
			}
		})
	}
}

// handlerTransport answers in process, so that a miss costs no socket.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
