package httpcache

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/cachecontrol/cacheobject"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// Transport is the cache layer over a base RoundTripper. It is safe for
// concurrent use. Make one with New (or Middleware): the zero value, and a
// nil *Transport, fail every request with an error, no I/O.
type Transport struct {
	base    http.RoundTripper
	c       *config
	flights flights
	bg      backgroundWork
	// partitioner is c's, or one of this layer's own over a transport
	// that tells its user by the connection (credential.OwnPartitioner;
	// the call of a client without a key through this layer, the layer as
	// its transport, counts that key too: see partition).
	partitioner *credential.Partitioner
}

// New returns the cache layer over base; nil base means
// http.DefaultTransport.
func New(base http.RoundTripper, opts ...Option) *Transport {
	return newTransport(base, newConfig(opts))
}

func newTransport(base http.RoundTripper, c *config) *Transport {
	t := &Transport{base: middleware.Base(base), c: c}
	t.partitioner = credential.OwnPartitioner(t.base, c.partitioner)
	t.flights.seed = maphash.MakeSeed()
	t.flights.onPanic = c.onError
	return t
}

// Middleware returns the cache layer as a middleware. Every stack it builds
// shares one storage, and the record of the invalidations begun in it (an
// answer written through one stack after a POST through another changed
// it is not left stored). Transports made apart (New, another Middleware,
// another process) that share a storage do not share that record.
func Middleware(opts ...Option) middleware.Middleware {
	c := newConfig(opts)
	return func(base http.RoundTripper) http.RoundTripper { return newTransport(base, c) }
}

// Wait blocks until the background revalidations started for
// stale-while-revalidate, the invalidations their callers did not wait
// for (see invalidateAll), and the retries of deletes the storage refused,
// have finished.
func (t *Transport) Wait() {
	if t != nil {
		t.bg.Wait()
	}
}

// errUnmade is the error of a Transport that New did not make.
var errUnmade = errors.New("httpcache: nil or zero Transport (make one with New)")

// RoundTrip answers req from the cache or the network as its mode says.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t == nil || t.c == nil {
		middleware.CloseRequestBody(req)
		return nil, errUnmade
	}
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	if err := req.Context().Err(); err != nil {
		// A request its caller ended before it began is answered by
		// nothing, a fresh entry included, as the store layer does and as
		// fetch with an aborted signal rejects at once.
		middleware.CloseRequestBody(req)
		return nil, err
	}
	call := middleware.CallFrom(req.Context())
	call.Visit("httpcache")
	mode := t.c.mode
	if call != nil && call.Settings.Cache != "" {
		m, err := ParseMode(call.Settings.Cache)
		if err != nil {
			middleware.CloseRequestBody(req)
			return nil, err
		}
		mode = m
	} else if int(mode) >= len(modeNames) {
		middleware.CloseRequestBody(req)
		return nil, fmt.Errorf("%w: %v (WithMode)", ErrBadMode, mode)
	}
	head := req.Method == http.MethodHead
	if req.Method != http.MethodGet && req.Method != "" && !head {
		if mode == ModeOnlyIfCached {
			middleware.CloseRequestBody(req)
			return nil, &middleware.NotCachedError{Detail: req.Method + " " + credential.URL(req.URL) + " is never cached"}
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
	// What the cache answers only from an entry, and else sends on as it
	// is: HEAD, a single byte range, the caller's own If-None-Match or
	// If-Modified-Since. Other preconditions always go to the origin.
	own := head || field(req.Header, "Range") != "" ||
		field(req.Header, "If-None-Match") != "" || field(req.Header, "If-Modified-Since") != ""
	if len(req.Header["Upgrade"]) > 0 {
		// A protocol switch (WebSocket): a connection, nothing to cache
		// or share.
		if mode == ModeOnlyIfCached {
			middleware.CloseRequestBody(req)
			return nil, &middleware.NotCachedError{Detail: credential.URL(req.URL) + " asks to switch protocols"}
		}
		return t.base.RoundTrip(req)
	}
	if mode == ModeNoStore || passOn(req.Header) {
		if mode == ModeOnlyIfCached {
			middleware.CloseRequestBody(req)
			return nil, &middleware.NotCachedError{Detail: credential.URL(req.URL) + " has a precondition"}
		}
		return t.base.RoundTrip(req)
	}

	lk := t.lookup(req, mode.reads())
	if lk.ok {
		st := t.staleness(lk.entry, t.c.now())
		anyEntry := mode == ModeForceCache || mode == ModeOnlyIfCached
		if anyEntry && t.c.shared && (st.noCache || !st.fresh() && st.noStale) {
			// A shared cache's entry answers other users than the one
			// whose request stored it, which the origin allowed on the
			// condition that it validates it first (no-cache; once stale,
			// must-revalidate, proxy-revalidate, s-maxage): for an entry
			// stored from a request with Authorization (§3.5), with the
			// next user's credentials. No mode, nor the request's
			// only-if-cached, which any client can send, lifts that
			// (RFC 9111 §5.2.1.7, §5.2.2.2, §5.2.2.4).
			anyEntry = false
		}
		usable := anyEntry || (mode == ModeDefault && !st.noCache && t.c.acceptable(&reqDir, st))
		if usable {
			if resp, ok := t.answer(req, lk.entry, st); ok {
				middleware.CloseRequestBody(req) // answered here, not sent on
				return resp, nil
			}
		} else if mode == ModeDefault && !own && !st.fresh() && !st.noCache && !st.mustRevalidate &&
			st.within(st.dir().StaleWhileRevalidate) {
			if !t.revalidateInBackground(req, lk) {
				middleware.CloseRequestBody(req) // answered here, not sent on
			}
			return t.serve(req, lk.entry, st, false), nil
		}
	}
	if mode == ModeOnlyIfCached {
		middleware.CloseRequestBody(req)
		return nil, &middleware.NotCachedError{Detail: credential.URL(req.URL)}
	}
	if own {
		return t.base.RoundTrip(req)
	}
	if mode == ModeReload {
		return t.fetchAlone(req, lk, mode)
	}
	return t.fetchShared(req, lk, mode)
}

// passOn reports whether a request carries preconditions the cache leaves
// to the origin (If-Match, If-Unmodified-Since, If-Range).
func passOn(h http.Header) bool {
	return len(h["If-Match"]) > 0 || len(h["If-Unmodified-Since"]) > 0 || len(h["If-Range"]) > 0
}

// acceptable reports whether an entry may answer a request of mode
// default without validation: fresh within the request's max-age and
// min-fresh, or stale within its max-stale (RFC 9111 §5.2.1) unless the
// response forbids serving it stale.
func (c *config) acceptable(d *cacheobject.RequestCacheDirectives, st staleness) bool {
	if d.MaxAge >= 0 && st.age > time.Duration(d.MaxAge)*time.Second {
		return false
	}
	if d.MinFresh > 0 && st.lifetime-st.age < time.Duration(d.MinFresh)*time.Second {
		return false
	}
	if st.fresh() {
		return true
	}
	return d.MaxStale >= 0 && !st.mustRevalidate && st.over() <= time.Duration(d.MaxStale)*time.Second
}

// passUnsafe sends a request of another method and, when it succeeds and
// the method is unsafe, invalidates the URL's entries and those of its
// Location and Content-Location on the same host (RFC 9111 §4.4).
func (t *Transport) passUnsafe(req *http.Request) (*http.Response, error) {
	resp, err := middleware.RoundTrip(t.base, req)
	if err != nil || resp.StatusCode >= 400 || safeMethod(req.Method) {
		return resp, err
	}
	keys := []string{indexKey(target(req))}
	if of := middleware.BackupOf(req.Context()); of != nil && *of != *req.URL {
		// Another URL answered the call (a backup, a redirect's hop):
		// the call's own URL names what it changed too, as the store,
		// which files a backup's answer under it, has it.
		at := *req
		at.URL, at.Host = of, ""
		keys = append(keys, indexKey(target(&at)))
	}
	for _, h := range []string{"Location", "Content-Location"} {
		if v := resp.Header.Get(h); v != "" {
			if u, err := req.URL.Parse(v); err == nil {
				at := *req // the same Host header, at u
				switch {
				case sameHost(u, req.URL):
					at.URL = u
				case req.Host != "" && middleware.NormalHost(u.Host, u.Scheme) == middleware.NormalHost(req.Host, u.Scheme):
					// An absolute URL on the virtual host the request
					// named (a reverse proxy's Host): its entries are
					// filed at the backend's URL, with that Host.
					backend := *u
					backend.Scheme, backend.Host = req.URL.Scheme, req.URL.Host
					at.URL = &backend
				default:
					continue
				}
				keys = append(keys, indexKey(target(&at)))
			}
		}
	}
	dl, ok := answerDeadline(req.Context(), resp.Request)
	t.invalidateAll(req.Context(), keys, dl, ok)
	return resp, nil
}

func safeMethod(m string) bool {
	return m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

func sameHost(a, b *url.URL) bool { return a.Scheme == b.Scheme && strings.EqualFold(a.Host, b.Host) }

// deleteEntry deletes key: a URL's index, and so every entry filed under
// it, or one entry (a shared copy a 304 no longer lets other users see).
func (t *Transport) deleteEntry(ctx context.Context, k string) {
	since := t.c.pending.refusals.Load()
	err := t.c.storage.Delete(ctx, k)
	retry := t.c.pending.deleted(k, err == nil, since) // one not taken is not forgotten
	if err != nil {
		t.c.onError(err)
		return
	}
	if retry != nil {
		// The storage takes deletes again: those it refused go now, in
		// the background (up to 4096: k's caller waits for k alone).
		t.bg.Add(1)
		go t.retryDeletes(ctx, retry)
	}
}

// retryDeletes deletes again keys, whose deletes the storage refused, and
// then those refused while it did (a delete taken meanwhile left them to
// it), until it refuses one or none is left.
func (t *Transport) retryDeletes(ctx context.Context, keys []string) {
	defer t.bg.Done()
	ended := false // again ended the draining
	defer func() {
		if !ended {
			t.c.pending.drained()
		}
	}()
	defer func() {
		if v := recover(); v != nil {
			t.c.onError(fmt.Errorf("httpcache: retrying %d refused delete(s) panicked: %v", len(keys), v))
		}
	}()
	for len(keys) > 0 {
		for _, l := range keys {
			since := t.c.pending.refusals.Load()
			err := t.c.storage.Delete(ctx, l)
			t.c.pending.deleted(l, err == nil, since)
			if err != nil {
				t.c.onError(err)
				return
			}
		}
		keys = t.c.pending.again()
	}
	ended = true
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport. A nil or zero
// Transport has none.
func (t *Transport) CloseIdleConnections() {
	if t != nil {
		middleware.CloseIdleConnections(t.base)
	}
}

// Unwrap returns the transport below the layer (nil for a nil Transport),
// which a client and the store layer look through to find a transport
// that tells its user by the connection (a TLS client certificate).
func (t *Transport) Unwrap() http.RoundTripper {
	if t == nil {
		return nil
	}
	return t.base
}
