package httpcache_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestNilOptions: a nil Option, or a nil value given to one, means the
// default: the cache stores and answers as without it.
func TestNilOptions(t *testing.T) {
	var n atomic.Int64
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		n.Add(1)
		return &http.Response{StatusCode: 200, Header: http.Header{"Cache-Control": {"max-age=60"}},
			Body: io.NopCloser(strings.NewReader("fresh")), Request: r}, nil
	})
	for name, o := range map[string]httpcache.Option{
		"nil Option":            nil,
		"WithStorage(nil)":      httpcache.WithStorage(nil),
		"WithClock(nil)":        httpcache.WithClock(nil),
		"WithErrorHandler(nil)": httpcache.WithErrorHandler(nil),
	} {
		n.Store(0)
		rt := httpcache.New(base, o)
		for i := 0; i < 2; i++ {
			req, _ := http.NewRequest("GET", "http://stub.test/", nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != "fresh" {
				t.Errorf("%s: body %q", name, b)
			}
		}
		if n.Load() != 1 {
			t.Errorf("%s: %d requests upstream, want 1", name, n.Load())
		}
	}
}

// TestPanicBelowReachesCaller: a panic below the cache during a shared
// exchange is raised in the caller's goroutine, where it can be recovered,
// as without the cache; singleflight alone would raise it in a goroutine of
// its own and kill the process.
func TestPanicBelowReachesCaller(t *testing.T) {
	base := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { panic("boom below") })
	rt := httpcache.New(base)
	got := func() (v any) {
		defer func() { v = recover() }()
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		_, _ = rt.RoundTrip(req)
		return nil
	}()
	err, ok := got.(error)
	if !ok || !strings.Contains(err.Error(), "boom below") || !strings.Contains(err.Error(), "goroutine") {
		t.Fatalf("recovered %v, want the panic with its stack", got)
	}
}

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
