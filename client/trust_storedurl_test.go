package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// urlRecorder is a Store that keeps the URL of every entry written.
type urlRecorder struct {
	store.Store
	mu   sync.Mutex
	urls []string
}

func (r *urlRecorder) Set(ctx context.Context, key string, e store.Entry) error {
	r.mu.Lock()
	r.urls = append(r.urls, e.URL)
	r.mu.Unlock()
	return r.Store.Set(ctx, key, e)
}

// Every entry written keeps its URL redacted, the first time a URL is seen
// and every time after, when the client remembers the redaction.
func TestStoredURLRedactedEveryTime(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	defer srv.Close()
	rec := &urlRecorder{Store: store.NewMemory()}
	c := client.New(client.WithStore(rec))
	refuse := func(*client.Response) bool { return false } // every request goes out and writes
	for _, tc := range []struct {
		name string
		opt  client.Option
	}{
		{"data", client.Option{URL: srv.URL + "/a", Data: map[string]any{"access_token": "s3cret", "page": 1}}},
		{"in the URL", client.Option{URL: srv.URL + "/b?api_key=s3cret&page=1"}},
		{"userinfo", client.Option{URL: strings.Replace(srv.URL, "http://", "http://user:s3cret@", 1) + "/c"}},
	} {
		rec.urls = nil
		for i := 0; i < 4; i++ {
			opt := tc.opt
			opt.UseStore, opt.StoreCheck = true, refuse
			if _, err := c.Request(context.Background(), opt); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
		}
		if len(rec.urls) != 4 {
			t.Fatalf("%s: %d writes, want 4", tc.name, len(rec.urls))
		}
		for i, u := range rec.urls {
			if strings.Contains(u, "s3cret") || u != rec.urls[0] || !strings.HasPrefix(u, srv.URL) {
				t.Errorf("%s: write %d stored URL %q (first %q)", tc.name, i, u, rec.urls[0])
			}
		}
	}
}
