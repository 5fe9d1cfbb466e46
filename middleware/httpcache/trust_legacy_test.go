package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// legacyStorage hands back every entry with a Set-Cookie, as a shared
// storage written by an older version or another program may: it has
// neither View nor ViewBody, so every read goes through Get.
type legacyStorage struct{ store.Store }

func (l legacyStorage) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	e, ok, err := l.Store.Get(ctx, key)
	if ok {
		e.Header = e.Header.Clone()
		e.Header["Set-Cookie"] = []string{"sid=someone-else; Path=/"}
	}
	return e, ok, err
}

// An entry that holds a Set-Cookie is served without it.
func TestStoredSetCookieNeverServed(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Cache-Control", "public, max-age=60")
		_, _ = io.WriteString(w, "page")
	}))
	defer srv.Close()
	for _, shared := range []bool{false, true} {
		opts := []httpcache.Option{httpcache.WithStorage(legacyStorage{store.NewMemory()})}
		if shared {
			opts = append(opts, httpcache.WithShared())
		}
		hc := &http.Client{Transport: httpcache.New(http.DefaultTransport, opts...)}
		hits = 0
		for i := 0; i < 2; i++ {
			resp, err := hc.Get(srv.URL + "/p")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != "page" {
				t.Fatalf("shared %v, request %d: body %q", shared, i, b)
			}
			if got := resp.Header.Values("Set-Cookie"); len(got) != 0 {
				t.Errorf("shared %v, request %d: served %q", shared, i, got)
			}
		}
		if hits != 1 {
			t.Errorf("shared %v: the origin answered %d times, want 1 (then a hit)", shared, hits)
		}
		hc.CloseIdleConnections()
	}
}
