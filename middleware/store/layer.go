package store

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"unsafe"

	"github.com/taroreq/taroreq/internal/credential"

	"github.com/taroreq/taroreq/middleware"
)

// New returns a RoundTripper that answers from st before the network and
// writes successful responses to it; a nil base means
// http.DefaultTransport, a nil st a NewMemory of its own. Without
// middleware.Settings in the request's context, every GET and HEAD uses the
// store with key Key(method, url, nil, partition), the partition computed
// from the request's credential headers (Authorization, Cookie — the
// http.Client's jar has added its cookies by then —, X-Api-Key...) and
// followed by the request's own Accept-Encoding, if it has one; other
// methods pass through; the answer's body is handed on as it arrives and
// written once the caller has read it to its end. A response that says
// Cache-Control: no-store is never written, nor one another URL gave (a
// backup) to a request that went out with other credentials. It is safe for
// concurrent use.
func New(base http.RoundTripper, st Store, opts ...Option) http.RoundTripper {
	t := &transport{base: middleware.Base(base), config: newConfig(st, opts)}
	// Over a transport that tells its user by the connection (a TLS client
	// certificate), a plain request without credentials is that user's,
	// not of the partition every layer without a key shares.
	t.partitioner = credential.OwnPartitioner(t.base, t.partitioner)
	return t
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
	partition string // the key's credential partition
	settings  *middleware.Settings
	plain     *config // the layer's, for a request that carries no Settings
	check     func(*http.Response, []byte) bool
	signKey   string // Taro's default check, when check is nil (see Settings)
	sign      string
	dataCheck func(*http.Response, []byte) (bool, any)
	maxBody   int64
	// For a plain request: the request as keyed, copied (a layer below
	// that writes a user's token into the request's own URL, which the
	// layers above share, changes it there too).
	sending middleware.Sending
	// seen is the Memory item the read before the network found under key,
	// which the write after it looks up no more (see Memory.setSeen).
	seen memSeen
}

// checks reports whether stored data may answer p at all.
func (p *plan) checks() bool { return p.check != nil || p.signKey != "" && p.sign != "" }

func (c *config) planFor(req *http.Request) (plan, bool) {
	call := middleware.CallFrom(req.Context())
	if call == nil {
		if req.Method != "" && req.Method != http.MethodGet && req.Method != http.MethodHead {
			return plan{}, false
		}
		part := c.plainPartition(req)
		p := plan{key: c.plainKeys.key(req.Method, plainTarget(req), part+ownEncoding(req.Header)), check: c.check,
			maxBody: middleware.DefaultMaxBodyBytes, partition: part, plain: c, sending: middleware.SendingOf(req)}
		return p, true
	}
	s := &call.Settings
	if !s.UseStore || s.StoreKey == "" {
		return plan{}, false
	}
	p := plan{key: s.StoreKey, check: s.StoreCheck, dataCheck: s.DataCheck, maxBody: s.BodyLimit(),
		partition: s.StorePartition, settings: s}
	if change := urlChangeSuffix(req, call); change != "" {
		p.key += change // (no concatenation for the usual "")
	}
	if s.Mode == "cors" && s.Origin != "" {
		// The Origin the client sets below on a cors call's requests to
		// other origins (its first URL, a backup, a redirect hop) is its
		// own, not every client's: one storage may be shared by clients
		// of other origins or of none, and an answer that varies by it
		// (varyValuesRefuse skips it) is that client's origin's. Every cors
		// call of a client of an origin is keyed by it, whichever of its
		// URLs answers, and a hop as its first request.
		p.key += " from " + s.Origin
	}
	if s.StoreHeader != nil && credentialsChanged(req.Header, s.StoreHeader, s.CredentialHeaders) ||
		s.Partition != nil && credential.ThroughFrom(req.Context()) != nil {
		// A layer above changed whose request this is: the key's
		// partition is no longer the request's. Or another client's call
		// came through a keyed client's Transport: its key partitions it
		// here (s.Partition reads it), not the calling client's.
		part := ""
		if s.Partition != nil {
			part = s.Partition(req)
		} else {
			part = c.partitioner.Of(req.Header, nil, s.CredentialHeaders)
		}
		p.key += " as " + part
		p.partition = part
	}
	if p.partition == "" && c.partitioner.None() != "" {
		// A call of a client without a key (this layer its transport)
		// comes with the partition of requests without credentials that
		// every such client shares: a key of the layer's own, given
		// (WithPartitionKey, one per user) or drawn over a transport that
		// tells the user by the connection, keeps its users apart.
		p.key += " as " + c.partitioner.None()
		p.partition = c.partitioner.None()
	}
	if p.check == nil {
		p.signKey, p.sign = s.StoreCheckKey, s.StoreSign
	}
	return p, true
}

// plainTarget is what a plain request's entries are filed under:
// middleware.TargetText, which takes the spellings of one host as one (RFC
// 9110 §4.2.3), and the host as sent when it is spelled otherwise. A
// backend that routes by Host may not take them as one (Go's ServeMux
// sends "ALICE.example" and "alice.example." to its catch-all): the answer
// to one spelling never answers another, as in the HTTP cache layer.
func plainTarget(req *http.Request) string {
	target := middleware.TargetText(req)
	spelled, scheme := middleware.SentHostSpelling(req), ""
	if req.URL != nil {
		scheme = req.URL.Scheme
	}
	if middleware.NormalHost(spelled, scheme) != spelled {
		target += " spelled=" + spelled
	}
	return target
}

// ownEncoding is what keys a plain request's Accept-Encoding, "" for none:
// with one of its own, a request gets the body as the origin coded it
// (net/http's transport decodes only the gzip it asked for itself), so
// its answer never answers a request without one, which expects the bytes
// decoded, nor the other way round. (A client's calls have none: the
// transport's, or identity, whose body is as decoded.)
func ownEncoding(h http.Header) string {
	var b strings.Builder
	for _, v := range middleware.FieldValues(h, "Accept-Encoding") {
		b.WriteString("\x00accept-encoding=")
		b.WriteString(strings.TrimSpace(v))
	}
	return b.String()
}

// plainPartition is the credential partition of req, which carries no
// Settings: of its credential headers, or of those WithPartitionHeader
// says it goes with.
func (c *config) plainPartition(req *http.Request) string {
	var h http.Header
	if c.partHeader != nil {
		h = c.partHeader(req)
	} else {
		h = middleware.SentHeader(req) // what a client's Transport says
	}
	// An http.Client sends the userinfo as Authorization (in h by then),
	// a RoundTripper below may too: counted, it keeps users apart in the
	// keyed partition, not only in the key's unkeyed hash of the URL.
	return credential.PlainPartition(req.Context(), c.partitioner, credential.WithUserinfo(h, req.URL), nil, middleware.CredentialNamesWith(req.Context(), c.credHeaders))
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	call := middleware.CallFrom(req.Context())
	call.Visit("store")
	p, ok := t.planFor(req)
	if !ok {
		return t.base.RoundTrip(req)
	}
	if p.checks() && req.Context().Err() == nil { // a call its caller ended is answered by nothing
		if resp, ok := t.answer(req, &p); ok {
			if call != nil {
				call.AddEventURL(middleware.EventStoreHit, req.URL, nil)
			}
			middleware.CloseRequestBody(req) // answered here, not sent on
			return resp, nil
		}
	}
	var plain *middleware.PlainAnswer
	if call == nil {
		// What answers a plain request is told here as a call's is
		// (FromCache, FromStore): the HTTP cache's answer, or this
		// store's own data as the stale fallback, is not written again.
		// One a client's Transport gave it is shared: the bottom layer
		// marks that one (a transport's credentials).
		ctx, pa := middleware.PlainAnswerIn(req.Context())
		if ctx != req.Context() {
			req = req.WithContext(ctx)
		}
		plain = pa
	}
	resp, err := middleware.RoundTrip(t.base, req)
	if err == nil && call != nil && redirectHop(resp) &&
		p.partitionMoved(req, resp, middleware.HandsSessionWith(resp.Header, p.credentialNames(req))) {
		// A hop of the call's redirect chain went with other credentials
		// than the key's partition counts (the jar's cookies of its path):
		// the Location it answered may be theirs (a user's own file), and
		// so is the chain's answer, which is not the key's to keep.
		call.SetAnswerNotKept()
	}
	// A 206 is a part of the representation, the part its Range asked
	// for; the key, which has no Range, names the whole of it.
	// A tainted call's answer (a no-cors request a redirect took to another
	// origin) is opaque to its caller: kept, a later hit would show it.
	// An answer the HTTP cache served (fresh, or stale when the origin
	// failed) was written when the network gave it: written again, a stale
	// one would pass for new and replace newer data. One a caller's check
	// edited is the caller's, not the origin's.
	// (Withheld: FromStore, FromCache, Tainted, AnswerNotKept and
	// SentOtherCredentials, a lower layer's credentials, not the key's
	// partition.)
	if err != nil || !keptStatus(resp.StatusCode) || call.Withheld() || plain.Served() || plain.SentOtherCredentials() ||
		(call == nil || !call.Settings.Buffered) && middleware.Streamed(resp) { // a Buffered call's body is whole below
		return resp, err
	}
	names := p.credentialNames(req)
	f := middleware.FieldsOf(resp.Header, names) // one pass for the questions that follow
	if noStore(f.CacheControl) || p.partitionMoved(req, resp, f.HandsSession) || p.varyValuesRefuse(f.Vary, names, req) ||
		// A layer below set a field the answer varies on (each tenant's
		// X-Shard): the answer is that value's (a client's call is told by
		// its Call, a plain request by its answer's Request).
		call == nil && resp.Request != nil && middleware.VariedBelow(resp.Header, req.Header, resp.Request.Header) {
		return resp, nil
	}
	return t.keep(req, resp, p, names, f), nil
}

// keptStatus reports whether a response of status code is written, and an
// entry of it served: a 2xx but a 206.
func keptStatus(code int) bool {
	return code >= 200 && code <= 299 && code != http.StatusPartialContent
}

// answer returns the stored response for p when its checks and the
// DataCheck accept it. The default sign check reads the stored body before
// anything is copied, so a refusal costs no copy; a caller's check gets the
// copies the answer is made of.
func (c *config) answer(req *http.Request, p *plan) (*http.Response, bool) {
	signed := p.check != nil || p.sign == "" // nothing left for the sign to say
	var checked []byte                       // the body the sign was found in
	ctx, cancel := forStore(req.Context(), c.st)
	defer cancel()
	if m, ok := c.st.(*Memory); ok && !signed {
		// The body alone, and the sign check's answer kept with it.
		body, match, found, err := m.viewSign(p.key, p.signKey, p.sign, &p.seen)
		if err != nil {
			c.onError(err)
		}
		if !found || !match {
			return nil, false
		}
		checked, signed = body, true
	} else if bv, ok := c.st.(BodyViewer); ok && !signed {
		// The body alone: a refusal costs no decode of the entry.
		body, found, err := bv.ViewBody(ctx, p.key)
		if err != nil {
			c.onError(err)
		}
		if !found || err != nil || !signMatches(body, p.signKey, p.sign) {
			return nil, false
		}
		checked, signed = body, true
	}
	e, ok, shared, err := Read(ctx, c.st, p.key)
	if err != nil {
		c.onError(err)
	}
	if !ok || err != nil || !keptStatus(e.StatusCode) {
		// keep writes no other status, but an older version kept 206s
		// (a part, under the key of the whole), and another program may
		// have written anything.
		return nil, false
	}
	names := p.credentialNames(req)
	var vary []string
	var cloned http.Header
	if shared {
		// The store's own: the header handed on is a copy, which the
		// caller may change, made in the walks that find its Vary.
		cloned, vary = middleware.ImpersonalCloneAndValues(e.Header, names, "Vary")
	} else {
		vary = middleware.FieldValues(e.Header, "Vary")
	}
	if p.varyValuesRefuse(vary, names, req) {
		// Written for a request that sent none of the headers its Vary
		// names (or by another program): req sends one, which the
		// origin may answer otherwise.
		return nil, false
	}
	if checked != nil && unsafe.SliceData(e.Body) != unsafe.SliceData(checked) && !bytes.Equal(e.Body, checked) {
		signed = false // replaced since the sign was checked: check what is served
	}
	if !signed && !signMatches(e.Body, p.signKey, p.sign) {
		return nil, false
	}
	// keep writes no Set-Cookie, but a Store may hold entries that an older
	// version or another program wrote: none is replayed.
	if shared {
		// The store's own: copy what is handed on, the header (above) and
		// the body, which the caller may change.
		e.Header, e.Body = cloned, bytes.Clone(e.Body)
	} else {
		e.Header = middleware.ImpersonalWith(e.Header, names)
	}
	resp := e.Response(req)
	if p.check != nil && !p.check(resp, e.Body) {
		return nil, false
	}
	call := middleware.CallFrom(req.Context())
	if p.dataCheck != nil {
		// The check is told the data is the store's (a client's
		// Response.FromStore), which SetFromStore says only once it
		// accepted: its Request is marked for the check alone.
		resp.Request = req.WithContext(middleware.WithStoredData(req.Context()))
		ok, decoded := p.dataCheck(resp, e.Body)
		resp.Request = req
		if !ok {
			return nil, false
		}
		call.SetDecoded(e.Body, decoded)
	}
	call.SetFromStore()
	middleware.PlainAnswerFrom(req.Context()).SetFromStore()
	return resp, true
}

// credentialsChanged reports whether now carries other credential headers
// than then (names as credential.IsHeader sees them, extra the user's).
// The same map, the usual case, is not looked into.
func credentialsChanged(now, then http.Header, extra []string) bool {
	if *(*unsafe.Pointer)(unsafe.Pointer(&now)) == *(*unsafe.Pointer)(unsafe.Pointer(&then)) {
		return false
	}
	for k, vs := range now {
		if credential.IsHeader(k, extra) && !slices.Equal(vs, then[k]) {
			return true
		}
	}
	for k := range then {
		if _, ok := now[k]; !ok && credential.IsHeader(k, extra) {
			return true
		}
	}
	return false
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }

// redirectHop reports whether resp is a redirect the client follows: a
// hop of a chain whose last answer the store may write under the call's
// key.
func redirectHop(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return resp.Header.Get("Location") != ""
	}
	return false
}

// forStore bounds ctx for an operation of st for a client's call, which
// has no deadline here (its Timeout bounds each attempt, below this
// layer): a store that stalls (a paused Redis behind one honouring ctx) is
// waited for half of the Timeout, and at most half of what is left of
// ctx's deadline (the rest is the network's), then counts as failed,
// instead of holding or failing the call. A Memory never stalls.
func forStore(ctx context.Context, st Store) (context.Context, context.CancelFunc) {
	if _, mem := st.(*Memory); mem {
		return ctx, func() {}
	}
	return middleware.BoundStorage(ctx)
}
