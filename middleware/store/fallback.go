package store

import (
	"errors"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// Fallback answers a request whose every URL failed with its stored data,
// however stale, if DataCheck accepts it; it is the backup layer's
// extension point (backup.WithFallback(store.Fallback(st))). Give it the
// options of the store layer it stands behind, WithPartitionKey above all:
// with a random key of its own (the default) it never finds what the layer
// wrote for a plain http.Client's request with credentials, nor, when the
// layer was given a key, for one without (credential.Partitioner.None),
// nor for any request when the layer is over an *http.Transport with a
// TLS client certificate and no key: that layer draws a key of its own,
// which no Fallback can be given, so give both one WithPartitionKey.
func Fallback(st Store, opts ...Option) func(req *http.Request, err error) (*http.Response, bool) {
	c := newConfig(st, opts)
	return func(req *http.Request, err error) (*http.Response, bool) {
		if errors.Is(err, middleware.ErrNotCached) || onlyIfCached(req) {
			// The caller refused the network (only-if-cached, however
			// asked): only an HTTP cache answers it, even with a failure
			// it holds.
			return nil, false
		}
		p, ok := c.planFor(req)
		if !ok {
			return nil, false
		}
		p.check, p.signKey, p.sign = nil, "", "" // stale data answers whatever the checks
		resp, ok := c.answer(req, &p)
		if ok {
			middleware.CallFrom(req.Context()).AddEventURL(middleware.EventStoreFallback, req.URL, err)
		}
		return resp, ok
	}
}

// onlyIfCached reports whether req asks for only-if-cached in a way that
// kept it off the network: in its Settings (the client sends such a call
// to no network, and refuses it without an HTTP cache), or in a
// Cache-Control request header an HTTP cache answered (the call's answer
// came from it). Its failure is then one the cache holds. A header no
// cache answered went to the origin, whose failure the fallback may
// replace.
func onlyIfCached(req *http.Request) bool {
	call := middleware.CallFrom(req.Context())
	if call == nil {
		return false
	}
	if strings.EqualFold(call.Settings.Cache, "only-if-cached") {
		return true
	}
	return call.FromCache() && headerOnlyIfCached(req.Header)
}

// headerOnlyIfCached reports whether h's Cache-Control carries the
// only-if-cached directive.
func headerOnlyIfCached(h http.Header) bool {
	found, _ := middleware.HasDirective(h["Cache-Control"], "only-if-cached")
	return found
}
