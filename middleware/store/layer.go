package store

import (
	"net/http"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// Option configures the layer and its Fallback.
type Option func(*config)

type config struct {
	st      Store
	onError func(error)
	check   func(*http.Response, []byte) bool
	now     func() time.Time
}

// WithErrorHandler receives the Store's errors, which never fail a request
// (default: ignored). It may be called from several goroutines at once.
func WithErrorHandler(f func(error)) Option { return func(c *config) { c.onError = f } }

// WithCheck sets the StoreCheck for requests that carry no
// middleware.Settings (the layer inside a plain http.Client). Nil, the
// default, lets stored data answer only as the fallback.
func WithCheck(f func(stored *http.Response, body []byte) bool) Option {
	return func(c *config) { c.check = f }
}

// WithClock sets the clock that stamps Entry.StoredAt (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

func newConfig(st Store, opts []Option) config {
	c := config{st: st, onError: func(error) {}, now: time.Now}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// New returns a RoundTripper that answers from st before the network and
// writes successful responses to it; a nil base means
// http.DefaultTransport. Without middleware.Settings in the request's
// context, every GET and HEAD uses the store with key Key(method, url, nil);
// other methods pass through. It is safe for concurrent use.
func New(base http.RoundTripper, st Store, opts ...Option) http.RoundTripper {
	return &transport{base: middleware.Base(base), config: newConfig(st, opts)}
}

// Middleware is New as a middleware.Middleware.
func Middleware(st Store, opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, st, opts...) }
}

type transport struct {
	base http.RoundTripper
	config
}

// plan is what the layer does for one request.
type plan struct {
	key       string
	check     func(*http.Response, []byte) bool
	dataCheck func(*http.Response, []byte) (bool, any)
	maxBody   int64
}

func (c *config) planFor(req *http.Request) (plan, bool) {
	call := middleware.CallFrom(req.Context())
	if call == nil {
		if req.Method != "" && req.Method != http.MethodGet && req.Method != http.MethodHead {
			return plan{}, false
		}
		return plan{key: Key(req.Method, req.URL.String(), nil), check: c.check,
			maxBody: middleware.DefaultMaxBodyBytes}, true
	}
	s := &call.Settings
	if !s.UseStore || s.StoreKey == "" {
		return plan{}, false
	}
	return plan{key: s.StoreKey, check: s.StoreCheck, dataCheck: s.DataCheck, maxBody: s.BodyLimit()}, true
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	call := middleware.CallFrom(req.Context())
	call.Visit("store")
	p, ok := t.planFor(req)
	if !ok {
		return t.base.RoundTrip(req)
	}
	if p.check != nil {
		if resp, ok := t.answer(req, p, p.check); ok {
			if call != nil {
				call.AddEvent(middleware.Event{Name: middleware.EventStoreHit, URL: req.URL.Redacted()})
			}
			return resp, nil
		}
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 || call.FromStore() {
		return resp, err
	}
	return t.keep(req, resp, p), nil
}

// answer returns the stored response for p when check and the DataCheck
// accept it.
func (c *config) answer(req *http.Request, p plan, check func(*http.Response, []byte) bool) (*http.Response, bool) {
	e, ok, err := c.get(req, p.key)
	if !ok || err != nil {
		return nil, false
	}
	resp := e.Response(req)
	if check != nil && !check(resp, e.Body) {
		return nil, false
	}
	call := middleware.CallFrom(req.Context())
	if p.dataCheck != nil {
		ok, decoded := p.dataCheck(resp, e.Body)
		if !ok {
			return nil, false
		}
		call.SetDecoded(e.Body, decoded)
	}
	call.SetFromStore()
	return resp, true
}

func (c *config) get(req *http.Request, key string) (Entry, bool, error) {
	e, ok, err := c.st.Get(req.Context(), key)
	if err != nil {
		c.onError(err)
	}
	return e, ok, err
}

// keep writes resp to the store and hands it on, its body whole: bodies
// already buffered by a layer below are taken as they are; others are read
// up to the bound, and one over it is handed on unstored, nothing lost.
func (t *transport) keep(req *http.Request, resp *http.Response, p plan) *http.Response {
	body, ok := middleware.BufferBody(resp, p.maxBody)
	if !ok {
		return resp // too large or broken: handed on whole, unstored
	}
	u := req.URL.String()
	if resp.Request != nil && resp.Request.URL != nil {
		u = resp.Request.URL.String()
	}
	e := Entry{StatusCode: resp.StatusCode, Header: resp.Header, Body: body, URL: u, StoredAt: t.now()}
	if err := t.st.Set(req.Context(), p.key, e); err != nil {
		t.onError(err)
	}
	return resp
}

// Fallback answers a request whose every URL failed with its stored data,
// however stale, if DataCheck accepts it; it is the backup layer's
// extension point (backup.WithFallback(store.Fallback(st))).
func Fallback(st Store, opts ...Option) func(req *http.Request, err error) (*http.Response, bool) {
	c := newConfig(st, opts)
	return func(req *http.Request, err error) (*http.Response, bool) {
		p, ok := c.planFor(req)
		if !ok {
			return nil, false
		}
		resp, ok := c.answer(req, p, nil)
		if ok {
			middleware.CallFrom(req.Context()).AddEvent(middleware.Event{
				Name: middleware.EventStoreFallback, URL: req.URL.Redacted(), Err: err})
		}
		return resp, ok
	}
}
