package httpcache_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestUnknownModeFails: WithMode of a Mode that is none of the constants
// fails each request with ErrBadMode before any I/O, as ParseMode refuses a
// name that is none; it made every request revalidate (no fresh entry ever
// answered), a mode no constant names.
func TestUnknownModeFails(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, "x")
	}))
	defer srv.Close()
	for _, m := range []httpcache.Mode{httpcache.ModeOnlyIfCached + 1, 200} {
		hits.Store(0)
		hc := &http.Client{Transport: httpcache.New(nil, httpcache.WithMode(m))}
		for range 2 {
			resp, err := hc.Get(srv.URL)
			if err == nil {
				resp.Body.Close()
			}
			if !errors.Is(err, httpcache.ErrBadMode) {
				t.Errorf("%v: %v, want ErrBadMode", m, err)
			}
		}
		if hits.Load() != 0 {
			t.Errorf("%v: the origin was asked %d times, want none", m, hits.Load())
		}
	}
	// Every constant is a mode: the last one still works.
	hc := &http.Client{Transport: httpcache.New(nil, httpcache.WithMode(httpcache.ModeOnlyIfCached))}
	if _, err := hc.Get(srv.URL); !errors.Is(err, httpcache.ErrNotCached) {
		t.Errorf("ModeOnlyIfCached: %v, want ErrNotCached", err)
	}
}
