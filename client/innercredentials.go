package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"reflect"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// innerCredentials goes around the client's inner layers (WithInnerLayers):
// above records the credential partition of a call's request as the store
// and the HTTP cache keyed it (its credential headers as the bottom layer
// sends them: see sentHeader), below compares it with the request's once the
// inner layers made it, and marks the call
// (middleware.Call.SetSentOtherCredentials) when they set, changed or
// removed one, or changed its URL, its Host, its method, its body or a
// field its answer's Vary names (middleware.VariedBelow): a layer that puts each user's token on
// the request (from its context: in a header, or in the query) sent alice's
// and bob's requests under one key, without credentials, and bob was
// answered alice's data from the store or the cache. The partitions are of
// the headers alone: the jar's cookies are added below both.
//
// Inner layers that all pass credentials on as they came (credentialPasser:
// the tracing layer oteltaroreq adds) are not watched: the comparison costs
// each attempt two partitions and a copy of the request and its header. on is set while
// New chains the layers, read only after.
type innerCredentials struct {
	c  *Client
	on bool // an inner layer may set credentials: compare
}

// A credentialPasser is a layer that sends every request on to
// PassesCredentialsTo() with the credential headers it came with (it may
// add other fields, such as a trace context).
type credentialPasser interface {
	PassesCredentialsTo() http.RoundTripper
}

// credentialsAboveKey is the context key of the credential partition and
// the URL of a call's request as it came to the client's inner layers
// (*aboveInner).
type credentialsAboveKey struct{}

// watch returns ms, each noting in g whether the layer it makes is one of
// this module's credentialPassers wrapping the next layer itself (a layer
// of yours that returns one around its own RoundTripper is not).
func (g *innerCredentials) watch(ms []middleware.Middleware) []middleware.Middleware {
	out := make([]middleware.Middleware, len(ms))
	for i, m := range ms {
		if m == nil {
			continue
		}
		out[i] = func(next http.RoundTripper) http.RoundTripper {
			rt := m(next)
			if p, ok := unguarded(rt).(credentialPasser); !ok || !ownRoundTripper(p.(http.RoundTripper)) || !samePointer(p.PassesCredentialsTo(), next) {
				g.on = true
			}
			return rt
		}
	}
	return out
}

// samePointer reports whether a and b are one pointer (other values are
// not compared: == on an interface holding a func panics).
func samePointer(a, b http.RoundTripper) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Kind() == reflect.Pointer && va.Type() == vb.Type() && va.Pointer() == vb.Pointer()
}

// unguarded is rt without guardLayers' check.
func unguarded(rt http.RoundTripper) http.RoundTripper {
	if g, ok := rt.(nilAnswerGuard); ok {
		return g.layer
	}
	return rt
}

func (g *innerCredentials) part(req *http.Request, call *middleware.Call) string {
	return g.c.partitioner.Of(credential.WithUserinfo(g.c.sentHeader(req, call), req.URL), nil, g.c.credHeaders)
}

// above is applied after the inner layers (middleware.Chain goes from the
// transport up): by then on is known.
func (g *innerCredentials) above(next http.RoundTripper) http.RoundTripper {
	if !g.on {
		return next
	}
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		call := middleware.CallFrom(req.Context())
		if call == nil {
			return next.RoundTrip(req)
		}
		was := &aboveInner{part: g.part(req, call), sending: middleware.SendingOf(req), header: req.Header.Clone(),
			body: req.Body, getBody: req.GetBody, length: req.ContentLength}
		return next.RoundTrip(req.WithContext(context.WithValue(req.Context(), credentialsAboveKey{}, was)))
	})
}

// aboveInner is what above records of a call's request: its credential
// partition and its URL, as the store and the HTTP cache keyed it.
type aboveInner struct {
	part    string
	sending middleware.Sending // its URL, Host and method
	// Its header fields, a copy (a layer may change the request's own): an
	// answer whose Vary names one an inner layer set or changed is that
	// value's (middleware.VariedBelow).
	header http.Header
	// The body it went with: one an inner layer replaced (each user's
	// token put in a JSON-RPC call's body) is no more the key's, whose
	// hash is of the body the call made.
	body    io.ReadCloser
	getBody func() (io.ReadCloser, error)
	length  int64
}

// maxComparedBody bounds the body below compares by its bytes when an inner
// layer put another reader of it on the request.
const maxComparedBody = 1 << 20

// sameBytes reports, for a body an inner layer replaced with another reader
// of as many bytes (a logging layer's httputil.DumpRequestOut, a signing
// layer that hashes it), whether it has the bytes of the one above, and
// returns req with a reader of the bytes it read. A body it cannot compare
// (a stream, one too large, the call's not replayable) is taken for another.
func (was *aboveInner) sameBytes(req *http.Request) (*http.Request, bool, error) {
	if was.getBody == nil || req.Body == nil || req.Body == http.NoBody || req.ContentLength != was.length ||
		was.length <= 0 || was.length > maxComparedBody {
		return req, false, nil
	}
	got, err := io.ReadAll(io.LimitReader(req.Body, was.length+1))
	req.Body.Close()
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(got))
	if err != nil {
		return out, false, err
	}
	orig, err := was.getBody()
	if err != nil {
		return out, false, nil
	}
	defer orig.Close()
	want, err := io.ReadAll(io.LimitReader(orig, was.length+1))
	return out, err == nil && bytes.Equal(got, want), nil
}

// sameBody reports whether a and b are one body: one value (a body of a
// type that cannot be compared is taken for another).
func sameBody(a, b io.ReadCloser) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Type() == vb.Type() && va.Comparable() && vb.Comparable() && va.Equal(vb)
}

// below is applied before the inner layers: what it compares, when on, is
// what above recorded.
func (g *innerCredentials) below(next http.RoundTripper) http.RoundTripper {
	return &belowInner{g: g, next: next}
}

// belowInner is below's layer (a pointer, which watch can tell apart).
type belowInner struct {
	g    *innerCredentials
	next http.RoundTripper
}

func (b *belowInner) RoundTrip(req *http.Request) (*http.Response, error) {
	if !b.g.on {
		return b.next.RoundTrip(req)
	}
	call := middleware.CallFrom(req.Context())
	was, ok := req.Context().Value(credentialsAboveKey{}).(*aboveInner)
	if ok && call != nil {
		other := was.sending.Other(req) || b.g.part(req, call) != was.part
		if !other && (req.ContentLength != was.length || !sameBody(req.Body, was.body)) {
			// Another reader: of the same bytes (a layer that read it to
			// log or sign it) the answer is still the key's.
			var same bool
			var err error
			if req, same, err = was.sameBytes(req); err != nil {
				return nil, err
			}
			other = !same
		}
		if other {
			// Another URL (a token put in its query), Host (a user's
			// virtual host), method or body (a token put in it) is no
			// more the key's.
			call.SetSentOtherCredentials()
		}
	}
	resp, err := b.next.RoundTrip(req)
	if err == nil && resp != nil && ok && call != nil && middleware.VariedBelow(resp.Header, was.header, req.Header) {
		// The answer varies on a field an inner layer set or changed (each
		// tenant's X-Shard, from its context): it is that value's, where
		// the store and the HTTP cache key it by the field as it was above
		// (none), and it would answer the next caller with another value.
		call.SetSentOtherCredentials()
	}
	return resp, err
}
