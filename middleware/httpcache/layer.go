package httpcache

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pquerna/cachecontrol/cacheobject"
	"golang.org/x/sync/singleflight"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// Transport is the cache layer over a base RoundTripper. It is safe for
// concurrent use.
type Transport struct {
	base   http.RoundTripper
	c      *config
	flight singleflight.Group
	gens   atomic.Int64
	bg     sync.WaitGroup
}

// New returns the cache layer over base; nil base means
// http.DefaultTransport.
func New(base http.RoundTripper, opts ...Option) *Transport {
	return newTransport(base, newConfig(opts))
}

func newTransport(base http.RoundTripper, c *config) *Transport {
	if base == nil {
		base = http.DefaultTransport
	}
	return &Transport{base: base, c: c}
}

// Middleware returns the cache layer as a middleware. Every stack it builds
// shares one storage.
func Middleware(opts ...Option) middleware.Middleware {
	c := newConfig(opts)
	return func(base http.RoundTripper) http.RoundTripper { return newTransport(base, c) }
}

// Wait blocks until the background revalidations started for
// stale-while-revalidate have finished.
func (t *Transport) Wait() { t.bg.Wait() }

// RoundTrip answers req from the cache or the network as its mode says.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	call := middleware.CallFrom(req.Context())
	call.Visit("httpcache")
	mode := t.c.mode
	if call != nil && call.Settings.Cache != "" {
		m, err := ParseMode(call.Settings.Cache)
		if err != nil {
			closeBody(req)
			return nil, err
		}
		mode = m
	}
	if req.Method != http.MethodGet && req.Method != "" {
		if mode == ModeOnlyIfCached {
			closeBody(req)
			return nil, fmt.Errorf("%w: %s %s is never cached", ErrNotCached, req.Method, credential.URL(req.URL))
		}
		return t.passUnsafe(req)
	}
	reqDir := requestDirectives(req.Header)
	switch {
	case reqDir.NoStore:
		mode = ModeNoStore
	case reqDir.OnlyIfCached:
		mode = ModeOnlyIfCached
	case (reqDir.NoCache || reqDir.MaxAge == 0) && mode == ModeDefault:
		mode = ModeNoCache
	}
	// Requests the cache cannot answer for the caller: its own
	// conditionals and ranges go through as they are.
	if mode == ModeNoStore || req.Header.Get("Range") != "" ||
		req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != "" {
		if mode == ModeOnlyIfCached {
			return nil, fmt.Errorf("%w: %s has a range or conditional", ErrNotCached, credential.URL(req.URL))
		}
		return t.base.RoundTrip(req)
	}

	lk := t.lookup(req, mode.reads())
	if lk.ok {
		st := lk.staleness(t.c.now())
		switch {
		case mode == ModeForceCache || mode == ModeOnlyIfCached:
			return t.serve(req, lk, st, false), nil
		case mode == ModeDefault && st.fresh() && !st.dir.NoCachePresent && withinMaxAge(reqDir, st):
			return t.serve(req, lk, st, false), nil
		case mode == ModeDefault && !st.fresh() && !st.dir.NoCachePresent && !st.dir.MustRevalidate &&
			st.within(st.dir.StaleWhileRevalidate):
			t.revalidateInBackground(req, lk)
			return t.serve(req, lk, st, false), nil
		}
	}
	if mode == ModeOnlyIfCached {
		return nil, fmt.Errorf("%w: %s", ErrNotCached, credential.URL(req.URL))
	}
	if mode == ModeReload {
		return t.fetchAlone(req, lk, mode)
	}
	return t.fetchShared(req, lk, mode)
}

func withinMaxAge(d *cacheobject.RequestCacheDirectives, st staleness) bool {
	if d.MaxAge >= 0 && st.age > time.Duration(d.MaxAge)*time.Second {
		return false
	}
	return d.MinFresh <= 0 || st.lifetime-st.age >= time.Duration(d.MinFresh)*time.Second
}

// passUnsafe sends a request of another method and, when it succeeds and
// the method is unsafe, invalidates the URL's entries and those of its
// Location and Content-Location on the same host (RFC 9111 §4.4).
func (t *Transport) passUnsafe(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.StatusCode >= 400 || safeMethod(req.Method) {
		return resp, err
	}
	ctx := context.WithoutCancel(req.Context())
	t.invalidate(ctx, req.URL.String())
	for _, h := range []string{"Location", "Content-Location"} {
		if v := resp.Header.Get(h); v != "" {
			if u, err := req.URL.Parse(v); err == nil && sameHost(u, req.URL) {
				t.invalidate(ctx, u.String())
			}
		}
	}
	return resp, nil
}

func safeMethod(m string) bool {
	return m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

func sameHost(a, b *url.URL) bool { return a.Scheme == b.Scheme && strings.EqualFold(a.Host, b.Host) }

func (t *Transport) invalidate(ctx context.Context, u string) {
	if err := t.c.storage.Delete(ctx, indexKey(u)); err != nil {
		t.c.onError(err)
	}
}

// serve answers req with the entry, its Age set to its current age.
func (t *Transport) serve(req *http.Request, lk lookup, st staleness, revalidated bool) *http.Response {
	resp := entryResponse(req, lk.entry, true)
	resp.Header.Set("Age", itoaSeconds(st.age))
	markFromCache(req, revalidated)
	return resp
}

// entryResponse is e as a response to req, without the reserved headers.
// The body aliases the entry's bytes, which nobody writes; the header is
// e's own when owned (an entry just read from the storage is the reader's),
// else a copy.
func entryResponse(req *http.Request, e store.Entry, owned bool) *http.Response {
	if !owned {
		e.Header = e.Header.Clone()
	}
	if e.Header == nil {
		e.Header = http.Header{}
	}
	e.Header.Del(hdrReqTime)
	return e.Response(req)
}

func markFromCache(req *http.Request, revalidated bool) {
	call := middleware.CallFrom(req.Context())
	if call == nil {
		return
	}
	call.SetFromCache()
	name := middleware.EventCacheHit
	if revalidated {
		name = middleware.EventCacheRevalidated
	}
	call.AddEvent(middleware.Event{Name: name, URL: credential.URL(req.URL)})
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

func itoaSeconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }
