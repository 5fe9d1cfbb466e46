package httpcache

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// result is what one upstream exchange gave, shared by every caller that
// waited on it. Its slices and header are never written once made.
type result struct {
	entry       store.Entry // status, header (reserved fields possible), body
	fromCache   bool        // a stored entry answered (304 or a stale one)
	revalidated bool
	age         time.Duration
	stale       *staleError    // why a stale entry answered (see ServedStale)
	big         *bigBody       // the body was over the bound, its read broke, or it is streamed: not shared
	sent        *http.Request  // the request the network's answer came to (its Request), for its jar cookies
	conn        *http.Response // the network's answer, body read: its trailer, TLS state and protocol
}

func (r *result) response(req *http.Request) *http.Response {
	if !r.fromCache {
		resp := withSent(entryResponse(req, r.entry, 0, false), req, r.sent)
		if c := r.conn; c != nil {
			// What came with the answer, as the origin's own would
			// have it (each caller its own Trailer).
			resp.Status, resp.Proto, resp.ProtoMajor, resp.ProtoMinor = c.Status, c.Proto, c.ProtoMajor, c.ProtoMinor
			resp.TLS, resp.Trailer, resp.Uncompressed = c.TLS, c.Trailer.Clone(), c.Uncompressed
		}
		return resp
	}
	resp := entryResponse(req, r.entry, r.age, true)
	if r.stale != nil {
		markStale(resp, r.stale)
		markFromCache(req, false, r.stale)
		return resp
	}
	markFromCache(req, r.revalidated, nil)
	return resp
}

// fetchShared sends req upstream once for all identical concurrent
// requests (see flights): each caller waits on its own context, so one
// giving up does not fail the others, and the exchange ends when the last
// one is gone.
func (t *Transport) fetchShared(req *http.Request, lk lookup, mode Mode) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody || acceptsEventStream(req.Header) {
		// A body cannot be sent twice; an event stream is one
		// subscriber's, never buffered (middleware.Streamed).
		return t.fetchAlone(req, lk, mode)
	}
	// The clone is made before the wait: the exchange may outlive this
	// caller, who may reuse req once RoundTrip returns.
	out := req.Clone(req.Context())
	res, big, joined, err := t.flights.do(req.Context(), flightKey(req, mode, lk, t.c.pending.flightMark(lk)),
		func(ctx context.Context) (*result, error) {
			return t.exchange(out.WithContext(withWriteDeadline(ctx, req.Context())), lk, mode)
		})
	if err == nil && joined && t.sentOtherCredentials(req, res, big, lk) {
		// The exchange went with credentials a layer below set for the
		// caller that started it (see middleware.Call.SentOtherCredentials),
		// which the flight's key does not count: its answer is that
		// caller's, and this one goes upstream by itself.
		if big != nil {
			_ = big.Body.Close()
		}
		return t.fetchAlone(req, lk, mode)
	}
	if err == nil && joined && t.c.shared && (big != nil || res.big == nil) {
		h := res.entry.Header
		if big != nil {
			h = big.Header
		}
		if personalAnswer(h) {
			// A shared cache's callers are many users: an answer the
			// origin made for the one that started the exchange
			// (private, or handing over a session) is not this one's,
			// which goes upstream by itself.
			if big != nil {
				_ = big.Body.Close()
			}
			return t.fetchAlone(req, lk, mode)
		}
	}
	var resp *http.Response
	switch {
	case err != nil:
		return nil, err
	case big != nil:
		resp = withSent(big, req, big.Request)
	case res.big != nil && errors.Is(res.big.err, middleware.ErrTooLarge):
		return nil, fmt.Errorf("%w: %s; another caller got it whole: %w",
			ErrTooLargeToShare, credential.URL(req.URL), res.big.err)
	case res.big != nil:
		// Not too large: its read broke, and the caller that took it got
		// what came, or it is a stream, never buffered, that one caller
		// took. Matching ErrTooLargeToShare as documented, but saying what
		// happened.
		return nil, &brokenShareError{url: credential.URL(req.URL), err: res.big.err,
			streamed: res.big.err == errStreamed}
	default:
		resp = res.response(req)
	}
	if joined {
		// The origin answered the caller that started the exchange: a
		// Set-Cookie is that caller's session, not this one's.
		resp.Header = middleware.ImpersonalWith(resp.Header, t.credentialNames(req))
		resp.Trailer = middleware.ImpersonalWith(resp.Trailer, t.credentialNames(req))
	}
	return resp, nil
}

// revalidateInBackground refreshes a stale entry served under
// stale-while-revalidate; Wait waits for it.
func (t *Transport) revalidateInBackground(req *http.Request, lk lookup) bool {
	ctx := req.Context()
	if call := middleware.CallFrom(ctx); call != nil {
		// The caller is answered already: the revalidation records on a
		// Call of its own, and announces its headers to no one (a
		// client's Task has heard of the answer its caller got).
		s := call.Settings
		s.OnHeaders = nil
		made := middleware.MadeURL(ctx, call)
		ctx, _ = middleware.NewCallContext(ctx, s)
		if made != nil {
			// A backup's revalidation: what the backup layer made it
			// still is (the client's bottom layer keeps what it wrote).
			ctx = middleware.WithoutCredentialsMade(ctx, *made)
		}
	} else {
		// A plain request's revalidation is told apart from its caller's
		// answer (served from here: a store below must not take it for
		// one the cache served), as a call's has a Call of its own.
		ctx, _ = middleware.WithPlainAnswer(ctx)
	}
	out := req.Clone(ctx)
	return t.flights.background(flightKey(req, ModeNoCache, lk, t.c.pending.flightMark(lk)), ctx, &t.bg, t.c.onError,
		func(ctx context.Context) (*result, error) { return t.exchange(out.WithContext(ctx), lk, ModeNoCache) })
}

// exchange sends out upstream (conditional when there is an entry with a
// validator), stores what may be stored and returns the outcome.
func (t *Transport) exchange(out *http.Request, lk lookup, mode Mode) (*result, error) {
	out = plainAnswered(out)
	ctx := out.Context()
	put := func(out, sent *http.Request, e store.Entry) {
		// Bounded from now, once the answer is in (see forWrites).
		wctx, cancel := forWrites(ctx, ctx, sent)
		t.put(wctx, out, sent, lk, e)
		cancel()
	}
	conditional := lk.ok && setValidators(out, lk.entry)
	release := func() {}
	if lk.ok {
		// The entry may answer in place of a 304 to the validators set
		// here, or of a server error (staleAnswer): until this is decided,
		// a client's Task hears nothing of them (its listeners hear the
		// answer its caller gets).
		var held context.Context
		held, release = middleware.HoldHeaders(ctx, func(status int) bool {
			return conditional && status == http.StatusNotModified || serverError(status)
		})
		out = out.WithContext(held)
	}
	reqTime := t.c.now()
	resp, err := middleware.RoundTrip(t.base, out)
	respTime := t.c.now()
	if err == nil && middleware.CallFrom(ctx) == nil && (t.sentMovedPlain(out, resp.Request, lk) ||
		t.sentMovedPlain(out, middleware.PlainAnswerFrom(ctx).SentByTransport(), lk) ||
		resp.Request != nil && middleware.VariedBelow(resp.Header, out.Header, resp.Request.Header)) {
		// A layer below set credentials this lookup does not count, or a
		// field the answer varies on: a store above, which sees this
		// request, not the one sent, is told.
		middleware.PlainAnswerFrom(ctx).SetSentOtherCredentials()
	}
	if lk.ok {
		if r := t.staleAnswer(out, lk, mode, resp, err, respTime); r != nil {
			if resp != nil {
				middleware.Discard(resp)
			}
			return r, nil
		}
	}
	if err != nil {
		release() // an answer whose body broke: heard, as without an entry
		return nil, err
	}
	if conditional && resp.StatusCode == http.StatusNotModified {
		middleware.Discard(resp)
		e, selected := t.update304(lk.entry, resp.Header, reqTime, respTime)
		// Deletes wait for a storage that stalls only as an invalidation's
		// do (invalidateAll): the caller's context may have no deadline (a
		// client's call, whose Timeout bounds the attempt below).
		dl, hasDL := answerDeadline(ctx, resp.Request)
		del := func(key string) { t.invalidateAll(ctx, []string{key}, dl, hasDL) }
		d, nd := responseDirectives(resp.Header), responseDirectives(e.Header)
		rd := requestDirectives(out.Header)
		switch {
		case !selected:
		case d.NoStore && !(mustUnderstand(d) && understoodStatus(e.StatusCode)):
			// No part of it may be stored (§5.2.2.5; §5.2.2.3 lifts that
			// for must-understand): it answers this request, and the URL's
			// entries go, every variant with them (a refetch, nothing
			// served that should not be), the copy every user is served
			// included.
			del(lk.index)
		case t.c.shared && e.Header.Get(hdrShared) != "" && (d.PrivatePresent || !t.sharedAcrossUsers(nd, out)):
			// This user's 304 says its fields are theirs alone, or no
			// longer lets other users be served them (RFC 9111 §3.5):
			// nothing of it is stored, and the copy every user is served
			// keeps what it had if stale (the next request revalidates
			// it), or goes if still fresh (a request forced this
			// revalidation: the copy must not outlive the origin's newest
			// word). That copy alone: other users' own entries stay. A
			// cost, never a leak.
			selected = false
			if t.staleness(lk.entry, respTime).fresh() {
				del(t.variantKey(lk.index, lk.gen, lk.names, out, ""))
			}
		case !t.c.storable(out, &rd, &http.Response{StatusCode: e.StatusCode, Header: e.Header}, nd):
			del(lk.index) // as for no-store
		default:
			stored := e
			if t.c.shared && e.Header.Get(hdrShared) != "" {
				stored.Header = ownFieldsKept(e.Header, lk.entry.Header, resp.Header, t.credentialNames(out))
			}
			put(out, resp.Request, stored)
		}
		// A 304 that selects no stored response updates nothing (RFC
		// 9111 §4.3.4); its status still says the entry is current.
		return &result{entry: e, fromCache: true, revalidated: selected, age: t.staleness(e, respTime).age}, nil
	}
	release() // the origin's answer is the caller's
	if middleware.Streamed(resp) {
		return &result{big: &bigBody{resp: resp, err: errStreamed}}, nil
	}
	body, err := middleware.BufferBody(resp, t.limit(out))
	if err != nil {
		if lk.ok && !errors.Is(err, middleware.ErrTooLarge) {
			// The answer broke on the way (a reset mid-body): the origin
			// could not be reached, as for a refused connection.
			if r := t.staleAnswer(out, lk, mode, nil, err, t.c.now()); r != nil {
				middleware.Discard(resp)
				return r, nil
			}
		}
		return &result{big: &bigBody{resp: resp, err: err}}, nil
	}
	d := responseDirectives(resp.Header)
	e := t.newEntry(out, resp, d, body, reqTime, respTime)
	reqDir := requestDirectives(out.Header)
	if mode.writes() && t.c.storable(out, &reqDir, resp, d) && !t.trailerHandsSession(out, lk, resp) {
		put(out, resp.Request, e)
	}
	return &result{entry: e, sent: resp.Request, conn: resp}, nil
}

// withSent returns resp as the answer to req, its Request req but for the
// jar cookies a client's cookie layer recorded on sent, the request the
// answer came to (middleware.SentCookies), which it keeps: a store above
// keys the answer by them, not by what the jar holds once it is back.
func withSent(resp *http.Response, req, sent *http.Request) *http.Response {
	resp.Request = req
	if cookies, ok := middleware.SentCookies(sent); ok {
		resp.Request = middleware.WithSentCookies(req, cookies)
	}
	return resp
}

// fetchAlone sends req as it is, and stores the response if it may,
// handing on its body whole.
func (t *Transport) fetchAlone(req *http.Request, lk lookup, mode Mode) (*http.Response, error) {
	req = plainAnswered(req)
	reqTime := t.c.now()
	resp, err := middleware.RoundTrip(t.base, req)
	if err != nil || !mode.writes() {
		return resp, err
	}
	reqDir := requestDirectives(req.Header)
	d := responseDirectives(resp.Header)
	if middleware.Streamed(resp) || !t.c.storable(req, &reqDir, resp, d) {
		return resp, nil
	}
	respTime := t.c.now()
	body, err := middleware.BufferBody(resp, t.limit(req))
	if err != nil {
		return resp, nil // too large or broken: the caller gets it as it came
	}
	if t.trailerHandsSession(req, lk, resp) {
		return resp, nil
	}
	// Ended by the caller's leaving too (a Task's Abort): a caller without
	// a deadline would otherwise wait as long as a storage that stalls.
	ctx, cancel := forWrites(req.Context(), req.Context(), resp.Request)
	t.put(ctx, req, resp.Request, lk, t.newEntry(req, resp, d, body, reqTime, respTime))
	cancel()
	return resp, nil
}

func (t *Transport) limit(req *http.Request) int64 {
	if t.c.maxBody > 0 {
		return t.c.maxBody
	}
	if call := middleware.CallFrom(req.Context()); call != nil {
		return call.Settings.BodyLimit()
	}
	return middleware.DefaultMaxBodyBytes
}

func setValidators(out *http.Request, e store.Entry) bool {
	etag, lm := e.Header.Get("ETag"), e.Header.Get("Last-Modified")
	if etag != "" {
		out.Header.Set("If-None-Match", etag)
	}
	if lm != "" {
		out.Header.Set("If-Modified-Since", lm)
	}
	return etag != "" || lm != ""
}

// errStreamed is why a streamed response (middleware.Streamed) was handed to one
// caller unbuffered.
var errStreamed = errors.New("an event stream or a switched connection is never buffered")

// acceptsEventStream reports whether a request asks for an event stream
// (EventSource sends Accept: text/event-stream).
func acceptsEventStream(h http.Header) bool {
	for _, v := range h["Accept"] {
		for part := range strings.SplitSeq(v, ",") {
			if middleware.IsEventStream(part) {
				return true
			}
		}
	}
	return false
}

// plainAnswered returns req with a PlainAnswer when it is a plain request
// (no Call) without one: what the layers below say of it (a client's
// Transport, whose transport sent a user's token, which the answer's
// Request need not tell) is on it when put decides whether to store the
// answer. A store layer above gives one (middleware.PlainAnswerIn); an
// HTTP cache of a plain http.Client's own, around c.Transport(), gave none.
func plainAnswered(req *http.Request) *http.Request {
	ctx := req.Context()
	if middleware.CallFrom(ctx) != nil || middleware.PlainAnswerFrom(ctx) != nil {
		return req
	}
	ctx, _ = middleware.WithPlainAnswer(ctx)
	return req.WithContext(ctx)
}

// trailerHandsSession reports whether resp, its body read, hands a caller
// without credentials (lk's partition) a session in its trailer: that
// session's answer, not the partition's, as put says of one in its header.
func (t *Transport) trailerHandsSession(req *http.Request, lk lookup, resp *http.Response) bool {
	return credential.NoCredentials(lk.part) && middleware.TrailerHandsSession(resp, t.credentialNames(req))
}
