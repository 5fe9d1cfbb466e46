package store

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// keep writes resp to the store and hands it on, its body whole: bodies
// already buffered by a layer below are taken as they are; others are read
// up to the bound, and one over it is handed on unstored, nothing lost.
//
// A plain http.Client's body (a request without Settings) still on the
// network is not read here: it is handed on as it arrives, its bytes kept
// as the caller reads them, and the entry written once the caller has read
// it to its end within the bound (a body closed early, broken or over the
// bound is not written). Read whole here, the caller would get the headers
// only once the whole body, or the bound's worth of it, had arrived.
//
// names are p.credentialNames(req), f the fields of resp's header.
func (t *transport) keep(req *http.Request, resp *http.Response, p plan, names []string, f middleware.AnswerFields) *http.Response {
	headerPrint := f.Print // of the header the entry keeps: none when it leaves a field out
	if f.Personal {
		headerPrint = 0
	}
	if _, inMemory := resp.Body.(interface{ Bytes() []byte }); p.settings == nil && !inMemory && resp.Body != nil &&
		resp.Body != http.NoBody && resp.ContentLength != 0 && !middleware.Bodiless(req.Method, resp.StatusCode) {
		if resp.ContentLength <= p.maxBody {
			// The entry is made now: the header the caller gets is the
			// caller's to change before the body ends.
			e := t.entry(req, resp, middleware.ImpersonalCloneWith(resp.Header, names))
			ctx, key := req.Context(), p.key // the key alone: the closure keeps no copy of p
			anonymous := credential.NoCredentials(p.partition)
			length := resp.ContentLength
			if len(resp.Trailer) > 0 {
				// A trailer comes after the announced bytes: the body is
				// whole only at io.EOF, once it has come (a stream reset
				// before it is a broken answer).
				length = -1
			}
			// Over HTTP/2 a trailer the header did not announce is in
			// resp.Trailer only after the stream's end: for a caller
			// without credentials, whose answer a session in it makes
			// that session's, the end is awaited.
			awaitEnd := anonymous && resp.ProtoMajor == 2
			resp.Body = &keepingBody{rc: resp.Body, limit: p.maxBody, length: length, awaitEnd: awaitEnd, write: func(body []byte) {
				if anonymous && middleware.TrailerHandsSession(resp, names) {
					return // a session handed out after the body: that session's answer
				}
				e.Body = body
				t.set(ctx, key, e, memSeen{}, headerPrint)
			}}
		}
		return resp
	}
	body, err := middleware.BufferBody(resp, p.maxBody)
	if err != nil {
		return resp // too large or broken: handed on whole, unstored
	}
	if credential.NoCredentials(p.partition) && middleware.TrailerHandsSession(resp, names) {
		return resp // a session handed out after the body, as partitionMoved's in the header
	}
	if p.settings != nil && p.settings.StoreOnceDecoded {
		// Written once the client has decoded it: a body that is no T
		// fails the call, and is no entry. Until then the layers above
		// this one (the client's outer layers) have the answer, and one
		// that writes in it (each user's X-Served-To added to the header,
		// a body edited in place through its Bytes) writes in that
		// caller's answer, not the origin's: the entry is copied now, as
		// the other paths encode theirs now, or the key's next caller,
		// another user, would get what that layer wrote for this one.
		e := t.entry(req, resp, middleware.ImpersonalCloneWith(resp.Header, names))
		e.Body = bytes.Clone(body)
		ctx, key := req.Context(), p.key
		seen := p.seen
		middleware.CallFrom(ctx).SetPendingStore(func() { t.set(ctx, key, e, seen, headerPrint) })
		return resp
	}
	h := resp.Header // shared with the caller, as ImpersonalWith shares a header without Personal fields
	if f.Personal {
		h = middleware.ImpersonalWith(resp.Header, names)
	}
	e := t.entry(req, resp, h)
	e.Body = body
	t.set(req.Context(), p.key, e, p.seen, headerPrint)
	return resp
}

// entry is what resp, to req, is stored as, with header h and no body yet.
func (t *transport) entry(req *http.Request, resp *http.Response, h http.Header) Entry {
	// The URL is kept redacted: entries leave the process too.
	u := req.URL
	if resp.Request != nil && resp.Request.URL != nil {
		u = resp.Request.URL
	}
	// The entry keeps no Set-Cookie: it may answer another caller of the
	// same key (every caller without credentials shares one).
	return Entry{StatusCode: resp.StatusCode, Header: h, URL: middleware.CallFrom(req.Context()).RedactedURL(u), StoredAt: t.now()}
}

// set writes e under key; seen, when the store is the Memory that found
// it, is the item the read before the network found there, headerPrint
// e.Header's AnswerFields.Print (0: not known).
func (t *transport) set(ctx context.Context, key string, e Entry, seen memSeen, headerPrint uint64) {
	if m, ok := t.st.(*Memory); ok {
		if err := m.setSeen(key, e, seen, headerPrint); err != nil {
			t.onError(err)
		}
		return
	}
	ctx, cancel := forStore(ctx, t.st)
	defer cancel()
	if err := t.st.Set(ctx, key, e); err != nil {
		t.onError(err)
	}
}

// keepingBody is a plain request's body handed on as it arrives: it keeps
// the bytes the caller reads, up to limit, and writes them once the body
// has ended cleanly (io.EOF) or, of an announced length, once that many
// bytes were read (HTTP/2 says io.EOF only on the read after the last
// byte, which a caller that reads what it was told, as a json.Decoder
// does, never makes; HTTP/1 says it with that byte; an answer that
// announces a trailer is written at io.EOF only); past limit, or after a
// failed read, it keeps nothing more and writes nothing.
type keepingBody struct {
	rc     io.ReadCloser
	kept   []byte
	limit  int64
	length int64 // announced, -1 if not (or a trailer announced)
	given  bool  // written, over the bound or broken: nothing more to keep
	// awaitEnd: once length is read, the stream's end is read too, before
	// write (an unannounced HTTP/2 trailer comes with it).
	awaitEnd bool
	// next, when set, is what the caller reads from on: the byte or the
	// failure that reading past length met, then rc.
	next  io.Reader
	write func(body []byte)
}

func (b *keepingBody) Read(p []byte) (int, error) {
	var r io.Reader = b.rc
	if b.next != nil {
		r = b.next
	}
	n, err := r.Read(p)
	if b.given {
		return n, err
	}
	if int64(len(b.kept))+int64(n) > b.limit || err != nil && err != io.EOF {
		b.given, b.kept = true, nil
		return n, err
	}
	b.kept = append(b.kept, p[:n]...)
	if err == nil && b.awaitEnd && b.length > 0 && int64(len(b.kept)) == b.length {
		var past [1]byte
		m, end := io.ReadFull(b.rc, past[:])
		if end != io.EOF {
			// A byte past the length, or the stream broke: not whole,
			// and the caller reads that byte, or that failure, next.
			b.given, b.kept = true, nil
			var then io.Reader = b.rc
			if end != nil {
				then = failedRead{end}
			}
			b.next = io.MultiReader(bytes.NewReader(past[:m]), then)
			return n, nil
		}
		err = io.EOF
	}
	if err == io.EOF || b.length > 0 && int64(len(b.kept)) == b.length {
		b.given = true
		body := b.kept
		b.kept = nil
		b.write(body)
	}
	return n, err
}

func (b *keepingBody) Close() error { return b.rc.Close() }

// noStore reports whether a response whose Cache-Control values (every
// spelling's: a transport's "cache-control" too) are cacheControl forbids
// being stored (no-store, RFC 9111 §5.2.2.5): a directive of its own, not a
// field name in another's quoted argument (no-cache="no-store, x"); a
// field whose quotes do not close is read as no-store, as the HTTP cache
// reads a malformed one.
func noStore(cacheControl []string) bool {
	found, malformed := middleware.HasDirective(cacheControl, "no-store")
	return found || malformed
}

// failedRead is a reader whose every read fails with err.
type failedRead struct{ err error }

func (f failedRead) Read([]byte) (int, error) { return 0, f.err }
