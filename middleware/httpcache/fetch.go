package httpcache

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"sort"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// result is what one upstream exchange gave, shared by every caller that
// waited on it. Its slices and header are never written once made.
type result struct {
	entry       store.Entry // status, header (reserved fields possible), body
	fromCache   bool        // a stored entry answered (304 or stale-if-error)
	revalidated bool
	age         time.Duration
	tooLarge    bool // the body was over the bound (or its read broke): nothing to share
}

func (r *result) response(req *http.Request) *http.Response {
	resp := entryResponse(req, r.entry, false) // shared by every waiter
	if r.fromCache {
		resp.Header.Set("Age", itoaSeconds(r.age))
		markFromCache(req, r.revalidated)
	}
	return resp
}

// fetchShared sends req upstream once for all identical concurrent
// requests (golang.org/x/sync/singleflight). The exchange runs without the
// callers' cancellation; each caller waits on its own context, so one
// giving up does not fail the others.
func (t *Transport) fetchShared(req *http.Request, lk lookup, mode Mode) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		return t.fetchAlone(req, lk, mode)
	}
	// The clone is made before the wait: the exchange may outlive this
	// caller, who may reuse req once RoundTrip returns.
	out := req.Clone(context.WithoutCancel(req.Context()))
	ch := t.flight.DoChan(flightKey(req, mode, lk.part), func() (any, error) { return t.exchangeSafe(out, lk, mode) })
	select {
	case r := <-ch:
		var p *panicError
		if errors.As(r.Err, &p) {
			panic(p) // in the caller's goroutine, as it would be without the cache
		}
		if r.Err != nil {
			return nil, r.Err
		}
		res := r.Val.(*result)
		if res.tooLarge {
			return t.fetchAlone(req, lookup{}, ModeNoStore)
		}
		return res.response(req), nil
	case <-req.Context().Done():
		return nil, context.Cause(req.Context())
	}
}

// revalidateInBackground refreshes a stale entry served under
// stale-while-revalidate; Wait waits for it.
func (t *Transport) revalidateInBackground(req *http.Request, lk lookup) {
	out := req.Clone(context.WithoutCancel(req.Context()))
	// The caller serves lk.entry and owns its header; the revalidation
	// reads its own copy.
	lk.entry.Header = lk.entry.Header.Clone()
	key := flightKey(req, ModeNoCache, lk.part)
	t.bg.Add(1)
	go func() {
		defer t.bg.Done()
		_, err, _ := t.flight.Do(key, func() (any, error) { return t.exchangeSafe(out, lk, ModeNoCache) })
		var p *panicError
		if errors.As(err, &p) {
			t.c.onError(p) // no caller to hand it to
		}
	}()
}

// exchangeSafe is exchange that turns a panic below the cache into a
// *panicError: singleflight's DoChan would re-raise it in a goroutine of
// its own, which no caller can recover, and the process would die.
func (t *Transport) exchangeSafe(out *http.Request, lk lookup, mode Mode) (res *result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return t.exchange(out, lk, mode)
}

// panicError is a panic met during a shared exchange, with its stack.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string {
	return fmt.Sprintf("httpcache: panic below the cache: %v\n\n%s", p.value, p.stack)
}

// exchange sends out upstream (conditional when there is an entry with a
// validator), stores what may be stored and returns the outcome.
func (t *Transport) exchange(out *http.Request, lk lookup, mode Mode) (*result, error) {
	ctx := out.Context()
	conditional := lk.ok && setValidators(out, lk.entry)
	reqTime := t.c.now()
	resp, err := t.base.RoundTrip(out)
	respTime := t.c.now()
	if lk.ok && (err != nil || serverError(resp.StatusCode)) && t.staleIfError(out, lk) {
		if resp != nil {
			middleware.Discard(resp)
		}
		return &result{entry: lk.entry, fromCache: true, age: lk.staleness(respTime).age}, nil
	}
	if err != nil {
		return nil, err
	}
	if conditional && resp.StatusCode == http.StatusNotModified {
		middleware.Discard(resp)
		e := merge(lk.entry, resp.Header, reqTime, respTime)
		t.put(ctx, out, lk, e)
		return &result{entry: e, fromCache: true, revalidated: true, age: entryStaleness(e, respTime).age}, nil
	}
	body, err := middleware.BufferBody(resp, t.limit(out))
	if err != nil {
		resp.Body.Close()
		return &result{tooLarge: true}, nil
	}
	e := newEntry(out, resp, body, reqTime, respTime)
	if mode.writes() && storable(requestDirectives(out.Header), resp, responseDirectives(resp.Header)) {
		t.put(ctx, out, lk, e)
	}
	return &result{entry: e}, nil
}

// fetchAlone sends req as it is, and stores the response if it may,
// handing on its body whole.
func (t *Transport) fetchAlone(req *http.Request, lk lookup, mode Mode) (*http.Response, error) {
	reqTime := t.c.now()
	resp, err := t.base.RoundTrip(req)
	if err != nil || !mode.writes() || !storable(requestDirectives(req.Header), resp, responseDirectives(resp.Header)) {
		return resp, err
	}
	respTime := t.c.now()
	body, err := middleware.BufferBody(resp, t.limit(req))
	if err != nil {
		return resp, nil // too large or broken: the caller gets it as it came
	}
	t.put(context.WithoutCancel(req.Context()), req, lk, newEntry(req, resp, body, reqTime, respTime))
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

// staleIfError reports whether the stale entry may answer a failed
// revalidation: the response's or the request's stale-if-error covers how
// stale it is, and the response does not say must-revalidate.
func (t *Transport) staleIfError(req *http.Request, lk lookup) bool {
	st := lk.staleness(t.c.now())
	if st.dir.MustRevalidate && !st.fresh() {
		return false
	}
	if st.fresh() || st.within(st.dir.StaleIfError) {
		return true
	}
	rd := requestDirectives(req.Header)
	return rd.StaleIfError > 0 && st.within(rd.StaleIfError)
}

func serverError(code int) bool {
	return code == 500 || code == 502 || code == 503 || code == 504
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

// flightKey identifies requests that may share one exchange: the mode, the
// URL, every request header (a response's Vary may name any of them) and the
// credential partition (jar cookies are not headers yet).
func flightKey(req *http.Request, mode Mode, part string) string {
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, k := range names {
		h.Write([]byte(k))
		for _, v := range req.Header[k] {
			h.Write([]byte{0})
			h.Write([]byte(v))
		}
		h.Write([]byte{1})
	}
	h.Write([]byte(part))
	h.Write([]byte{0})
	if call := middleware.CallFrom(req.Context()); call != nil {
		h.Write([]byte(call.Settings.Credentials))
	}
	var sum [sha256.Size]byte
	return mode.String() + " " + req.URL.String() + " " + base64.RawURLEncoding.EncodeToString(h.Sum(sum[:0])[:18])
}
