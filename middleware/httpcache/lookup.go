package httpcache

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/cachecontrol/cacheobject"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// lookup is what the storage holds for one request.
type lookup struct {
	index string   // the URL's index key
	gen   string   // the index's generation, "" without an index
	names []string // the index's Vary field names
	part  string   // the request's credential partition
	epoch int64    // the invalidations begun before it (see put)
	// entry holds the stored response to this request when ok. It may be
	// shared with the storage and other readers (store.Memory.View):
	// never written, copied when handed on.
	entry store.Entry
	ok    bool
	// The request as looked up, copied (a layer below that writes a
	// user's token into the request's own URL, which the layers above
	// share, changes it there too).
	sending middleware.Sending
}

// lookup reads the URL's index and, if read, the request's variant: the
// one of its own partition or, in a shared cache, one that every user may
// be served (see WithShared).
func (t *Transport) lookup(req *http.Request, read bool) lookup {
	lk := lookup{index: indexKey(target(req)), part: t.partition(req), sending: middleware.SendingOf(req),
		epoch: t.c.pending.epoch.Load()}
	if t.c.pending.has(lk.index) {
		return lk // its entries are being deleted: nothing of them is served
	}
	ctx := req.Context()
	if _, mem := t.c.storage.(*store.Memory); !mem {
		// A client's call has no deadline here (its Timeout bounds each
		// attempt, below this layer): a storage that stalls (a Redis
		// paused) is waited for half of it, and at most half of what is
		// left of the caller's deadline (the rest is the origin's), and
		// what it did not say is a miss, not a call held for ever or
		// failed.
		var cancel context.CancelFunc
		ctx, cancel = middleware.BoundStorage(ctx)
		defer cancel()
	}
	ie, ok := t.get(ctx, lk.index)
	if !ok {
		return lk
	}
	lk.gen = field(ie.Header, hdrGen)
	if v := field(ie.Header, hdrVary); v != "" {
		lk.names = strings.Split(v, ",")
	}
	if !read || lk.gen == "" {
		return lk
	}
	lk.entry, lk.ok = t.get(ctx, t.variantKey(lk.index, lk.gen, lk.names, req, lk.part))
	if !lk.ok && t.c.shared && lk.part != "" {
		if e, ok := t.get(ctx, t.variantKey(lk.index, lk.gen, lk.names, req, "")); ok && field(e.Header, hdrShared) != "" {
			lk.entry, lk.ok = e, true
		}
	}
	return lk
}

// get reads key, shared when the storage can (see lookup.entry).
func (t *Transport) get(ctx context.Context, key string) (store.Entry, bool) {
	e, ok, _, err := store.Read(ctx, t.c.storage, key)
	if err != nil {
		t.c.onError(err)
		return store.Entry{}, false
	}
	// put stores no Set-Cookie nor a field of the credential names, but a
	// shared storage may hold entries that an older version or another
	// program wrote: none is replayed, served or merged with a 304.
	// (ImpersonalWith copies the header only if it must: a shared entry is
	// left as it is.)
	e.Header = middleware.ImpersonalWith(e.Header, middleware.CredentialNamesWith(ctx, t.c.credHeaders))
	return e, ok
}

// put stores e as the response to req, writing the URL's index first when
// it is missing or names other Vary fields; sent is the request the answer
// came to (its Request). An entry every user may be served (hdrShared)
// goes to the partition of requests without credentials, any other to the
// request's own.
func (t *Transport) put(ctx context.Context, req, sent *http.Request, lk lookup, e store.Entry) {
	// Lookups of the URL miss from when an invalidation begins during the
	// write until what it wrote is deleted again (below).
	defer t.c.pending.written(t.c.pending.write(lk.index))
	if t.c.pending.invalidatedSince(lk.index, lk.epoch) {
		// An unsafe request's invalidation of the URL began after the
		// lookup: the answer may be from before the change it made.
		return
	}
	defer func() {
		if t.c.pending.invalidatedSince(lk.index, lk.epoch) {
			// One began while it was written, and its deletes may have
			// ended before: what was written goes too, as surely as
			// they went (not cut short by the write's deadline).
			dl, ok := ctx.Deadline()
			t.invalidateAll(ctx, []string{lk.index}, dl, ok)
		}
	}()
	if call := middleware.CallFrom(req.Context()); call.SentOtherCredentials() || call == nil && (t.sentMovedPlain(req, sent, lk) ||
		middleware.PlainAnswerFrom(req.Context()).SentOtherCredentials() || sent != nil && middleware.VariedBelow(e.Header, req.Header, sent.Header)) {
		// A layer below set the credentials it went with (a plain
		// request's transport, which its Request no longer tells, is
		// told by its PlainAnswer), or a field the answer varies on (a
		// client's calls are told by their Call): the answer is theirs,
		// which lk.part and the variant key do not count.
		return
	}
	// A plain request's answer that hands its jar a cookie, or one that
	// hands a caller without credentials a new session (a cookie, a
	// session header), is that session's
	// (its CSRF token, its ;jsessionid= links), not its partition's.
	handsCookie := middleware.CallFrom(req.Context()) == nil && middleware.HandsCookie(e.Header) ||
		credential.NoCredentials(lk.part) && middleware.HandsSessionWith(e.Header, t.credentialNames(req))
	e.Header = middleware.ImpersonalWith(e.Header, t.credentialNames(req)) // a stored answer replays no Set-Cookie
	if e.Header.Get(hdrShared) == "" && (handsCookie || t.partition(req) != lk.part || sentMoved(t, req, sent, lk)) {
		// The jar took a cookie while the request was under way (a login
		// redirect, a retry after a Set-Cookie), or a plain http.Client's
		// jar takes the one this answer hands it: the answer may be that
		// cookie's user's, not the partition's it was looked up in.
		return
	}
	names, _ := varyNames(e.Header)
	gen := lk.gen
	if gen == "" || strings.Join(names, ",") != strings.Join(lk.names, ",") {
		fresh := gen == ""
		if fresh {
			gen = newGen(t.c.now().UnixNano()) + "." + newGen(t.c.gens.Add(1))
		}
		ie := store.Entry{StatusCode: http.StatusOK, URL: credential.URL(req.URL), StoredAt: e.StoredAt,
			Header: http.Header{hdrGen: {gen}}}
		if len(names) > 0 {
			ie.Header.Set(hdrVary, strings.Join(names, ","))
		}
		if err := t.c.storage.Set(ctx, lk.index, ie); err != nil {
			t.c.onError(err)
			return
		}
		if fresh && !t.c.pending.invalidatedSince(lk.index, lk.epoch) {
			// A new generation: what an index whose delete was not
			// taken reached is out of reach.
			t.c.pending.refiled(lk.index)
		}
	}
	part := lk.part
	if e.Header.Get(hdrShared) != "" {
		part = ""
	}
	if err := t.c.storage.Set(ctx, t.variantKey(lk.index, gen, names, req, part), e); err != nil {
		t.c.onError(err)
	}
}

// Entry metadata, computed when a response is stored or refreshed so that
// a hit reads a few numbers instead of parsing Cache-Control and dates:
//
//	hdrMeta: "<response time, Unix ns> <corrected initial age, ns> <lifetime, ns> <flags>"
//
// Flags: S the lifetime is a shared cache's, n no-cache, m must-revalidate,
// p proxy-revalidate, s s-maxage. An entry without it (stored by an
// earlier version) or of the other kind of cache is read the long way.
const hdrMeta = "Taroreq-Cache-Meta"

// staleness returns how e stands at now.
func (t *Transport) staleness(e store.Entry, now time.Time) staleness {
	if st, ok := t.c.metaStaleness(e.Header, now); ok {
		return st
	}
	respTime := e.StoredAt
	var age time.Duration
	if m, ok := parseMeta(e.Header.Get(hdrMeta)); ok {
		respTime, age = m.respTime, m.initialAge
	} else {
		reqTime := respTime
		if ns, err := strconv.ParseInt(e.Header.Get(hdrReqTime), 10, 64); err == nil {
			reqTime = time.Unix(0, ns)
		}
		age = initialAge(e.Header, reqTime, respTime)
	}
	m := t.c.newMeta(e.Header, e.StatusCode, respTime, age)
	return m.at(now, e.Header)
}

type meta struct {
	respTime   time.Time
	initialAge time.Duration
	lifetime   time.Duration
	flags      string
}

func (m meta) has(f byte) bool { return strings.IndexByte(m.flags, f) >= 0 }

func (m meta) String() string {
	return strconv.FormatInt(m.respTime.UnixNano(), 10) + " " + strconv.FormatInt(int64(m.initialAge), 10) + " " +
		strconv.FormatInt(int64(m.lifetime), 10) + " " + m.flags
}

// newMeta computes the metadata of a response received at respTime with
// the given corrected initial age.
func (c *config) newMeta(h http.Header, status int, respTime time.Time, age time.Duration) meta {
	return c.metaOf(h, responseDirectives(h), status, respTime, age)
}

// metaOf is newMeta with the response's directives already parsed.
func (c *config) metaOf(h http.Header, d *cacheobject.ResponseCacheDirectives, status int, respTime time.Time,
	age time.Duration) meta {
	m := meta{respTime: respTime, initialAge: age, lifetime: freshnessLifetime(h, d, status, respTime, c.shared)}
	var f []byte
	if c.shared {
		f = append(f, 'S')
	}
	for _, x := range []struct {
		on   bool
		flag byte
	}{{d.NoCachePresent, 'n'}, {d.MustRevalidate, 'm'}, {d.ProxyRevalidate, 'p'}, {d.SMaxAge >= 0, 's'}} {
		if x.on {
			f = append(f, x.flag)
		}
	}
	if len(f) == 0 {
		f = append(f, '-')
	}
	m.flags = string(f)
	return m
}

func parseMeta(v string) (meta, bool) {
	a, rest, ok1 := strings.Cut(v, " ")
	b, rest, ok2 := strings.Cut(rest, " ")
	c, flags, ok3 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !ok3 || flags == "" {
		return meta{}, false
	}
	rt, err1 := strconv.ParseInt(a, 10, 64)
	age, err2 := strconv.ParseInt(b, 10, 64)
	life, err3 := strconv.ParseInt(c, 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || age < 0 || life < 0 {
		return meta{}, false
	}
	return meta{respTime: time.Unix(0, rt), initialAge: time.Duration(age), lifetime: time.Duration(life), flags: flags}, true
}

// metaStaleness reads the entry's metadata when it was computed for this
// kind of cache.
func (c *config) metaStaleness(h http.Header, now time.Time) (staleness, bool) {
	m, ok := parseMeta(field(h, hdrMeta))
	if !ok || m.has('S') != c.shared {
		return staleness{}, false
	}
	return m.at(now, h), true
}

func (m meta) at(now time.Time, h http.Header) staleness {
	st := staleness{
		age:      min(m.initialAge+max(now.Sub(m.respTime), 0), maxDelta),
		lifetime: m.lifetime,
		noCache:  m.has('n'),
		header:   h,
	}
	// RFC 9111 §5.2.2.8, §5.2.2.10: proxy-revalidate and s-maxage bind
	// shared caches only.
	st.mustRevalidate = m.has('m') || (m.has('S') && (m.has('p') || m.has('s')))
	st.noStale = st.mustRevalidate || st.noCache || m.has('p')
	return st
}

// newEntry is what the cache stores for a response (put drops its
// Set-Cookie: middleware.Impersonal); origin header fields named like the
// reserved ones are dropped.
func (t *Transport) newEntry(req *http.Request, resp *http.Response, d *cacheobject.ResponseCacheDirectives,
	body []byte, reqTime, respTime time.Time) store.Entry {
	h := resp.Header.Clone() // one copy of the values, apart from the response's
	for k := range h {
		if reserved(k) {
			delete(h, k)
		}
	}
	m := t.c.metaOf(h, d, resp.StatusCode, respTime, initialAge(h, reqTime, respTime))
	h[hdrMeta] = []string{m.String()}
	if t.c.shared && t.sharedAcrossUsers(d, req) {
		h[hdrShared] = []string{"1"}
	}
	return store.Entry{StatusCode: resp.StatusCode, Header: h, Body: body, URL: credential.URL(req.URL), StoredAt: respTime}
}

func reserved(name string) bool {
	return len(name) > 14 && strings.EqualFold(name[:14], "Taroreq-Cache-")
}

// notUpdated lists the header fields a 304 never changes in a stored
// response (RFC 9111 §3.2): hop-by-hop fields, Content-Length, and those
// the stored content depends on (its coding, its digest, Content-MD5's or
// RFC 9530's Content-Digest, which a 304 would give of no content, its
// range, its entity tag, which selected it).
var notUpdated = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Connection": true, "Te": true, "Trailer": true,
	"Transfer-Encoding": true, "Upgrade": true, "Proxy-Authenticate": true, "Proxy-Authorization": true,
	"Content-Length": true, "Content-Encoding": true, "Content-Md5": true, "Content-Digest": true,
	"Content-Range": true, "Etag": true,
}

// update304 returns the stored entry e updated with a 304's header fields
// h (RFC 9111 §4.3.4) and the new exchange's times; selected is false, and
// e is returned as it was, when the 304 does not select it: its strong
// entity tag is not e's, its weak one does not match e's, or its
// Last-Modified is not e's.
func (t *Transport) update304(e store.Entry, h http.Header, reqTime, respTime time.Time) (_ store.Entry, selected bool) {
	stored := e.Header.Get("ETag")
	switch etag := h.Get("ETag"); {
	case etag != "" && !strings.HasPrefix(etag, "W/"):
		if stored != etag {
			return e, false
		}
	case etag != "":
		if strings.TrimPrefix(stored, "W/") != strings.TrimPrefix(etag, "W/") {
			return e, false
		}
	default:
		if lm := h.Get("Last-Modified"); lm != "" && lm != e.Header.Get("Last-Modified") {
			return e, false
		}
		// No validator at all: it answers the conditional request made
		// from this very entry's validators.
	}
	nh := make(http.Header, len(e.Header)+len(h))
	for k, vs := range e.Header {
		nh[k] = vs
	}
	for k, vs := range h {
		if notUpdated[k] || reserved(k) {
			continue
		}
		nh[k] = vs
	}
	nh = nh.Clone()
	delete(nh, hdrReqTime)
	nh[hdrMeta] = []string{t.c.newMeta(nh, e.StatusCode, respTime, initialAge(h, reqTime, respTime)).String()}
	e.Header, e.StoredAt = nh, respTime
	return e, true
}

// sentMovedPlain reports whether sent, the request a plain request's
// answer came to (its Request: as the layers below sent it), went out to
// another URL than req, the request lk was looked up for, or with other
// credential headers than lk's partition counts: a layer below
// this one set them (each user's token, from the request's context), and
// the answer is theirs. A client's call is told by its Call
// (SentOtherCredentials): the jar's cookies are in its sent Cookie.
func (t *Transport) sentMovedPlain(req, sent *http.Request, lk lookup) bool {
	if sent == nil {
		return false
	}
	if req != nil && req.URL != nil && lk.sending.Other(sent) {
		// A layer below changed its URL (a user's token put in its
		// query), its Host (its spelling too: another virtual host to a
		// backend that routes by it, see sentHost), its method or gave
		// it a body (a token in it).
		return true
	}
	return sent.Header != nil && t.partition(sent) != lk.part
}

// sentMoved reports whether sent, the request an answer to req came to, went
// out with other jar cookies than the partition lk was looked up in counts:
// the jar changed session and back while it was under way (another
// goroutine's login), and the answer is the other session's, though the
// jar's cookies are the partition's again by now.
func sentMoved(t *Transport, req, sent *http.Request, lk lookup) bool {
	cookies, ok := middleware.SentCookies(sent)
	return ok && t.partition(middleware.WithSentCookies(req, cookies)) != lk.part
}
