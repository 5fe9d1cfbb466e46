package transports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/taroreq/taroreq/middleware"
)

// Replayer is an http.RoundTripper that answers from the exchanges a
// Recorder wrote, without the network. A request matches an exchange when
// its method, its URL in the recorded form (canonical, secret query values
// Redacted and userinfo removed, so a request that carries the real token
// matches) and the SHA-256 of its whole body as the Recorder records it are
// those recorded: a form or JSON body is redacted first (so the real
// password matches too), and one the Recorder withheld matches any body it
// would withhold, in recorded order. To be redacted, a form or JSON request
// body is held in memory, up to 64 MiB; other bodies are only hashed.
// Headers are not compared. Credentials are thus no part of a match: two
// users' requests that differ only in them (an Authorization, a secret
// query value or body field, all Redacted) match the same exchanges, which
// answer in recorded order whoever asks, one user's data to the other:
// record one user per directory.
// Exchanges that match the same request answer it in recorded order, the
// last one repeating. A request that matches none fails with ErrNotRecorded,
// naming its method and redacted URL.
//
// A request whose context is done fails with the context's error and takes
// no exchange. The request body is read (hashed, not kept) and closed; if
// the context ends while it is read, it is closed then. The
// response carries the recorded status, header and body (truncated if it was
// recorded truncated), Proto HTTP/1.1, ContentLength and Request; a body
// whose read failed when it was recorded (RecordedBody.Broken) gives its
// recorded bytes, then io.ErrUnexpectedEOF, with no Content-Length.
//
// A Replayer is safe for concurrent use. Its zero value holds no exchange:
// every request fails with ErrNotRecorded; a nil *Replayer fails every
// request with an error too, no I/O.
type Replayer struct {
	mu    sync.Mutex
	byKey map[string]*replay
}

type replay struct {
	xs   []Exchange
	next int
}

// NewReplayer loads the exchanges of dir (see LoadExchanges).
func NewReplayer(dir string) (*Replayer, error) {
	xs, err := LoadExchanges(dir)
	if err != nil {
		return nil, err
	}
	p := &Replayer{byKey: make(map[string]*replay)}
	for _, x := range xs {
		k := exchangeKey(x.Request.Method, x.Request.URL, x.Request.Body.SHA256)
		r := p.byKey[k]
		if r == nil {
			r = &replay{}
			p.byKey[k] = r
		}
		r.xs = append(r.xs, x)
		// A recording made before a URL in a query value was redacted
		// (?src=<a signed URL>) holds it in clear: it answers the request
		// in today's form too.
		if u, err := url.Parse(x.Request.URL); err == nil {
			if now := redactURL(u); now != x.Request.URL {
				if k := exchangeKey(x.Request.Method, now, x.Request.Body.SHA256); p.byKey[k] == nil {
					p.byKey[k] = r
				}
			}
		}
	}
	return p, nil
}

// RoundTrip answers req with the next recorded exchange that matches it.
func (p *Replayer) RoundTrip(req *http.Request) (*http.Response, error) {
	if p == nil {
		middleware.CloseRequestBody(req)
		return nil, errors.New("transports: nil Replayer (make one with NewReplayer)")
	}
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	if err := req.Context().Err(); err != nil {
		middleware.CloseRequestBody(req)
		return nil, err
	}
	m, u := method(req.Method), redactURL(req.URL)
	sums, err := bodyDigests(req)
	if err != nil {
		return nil, fmt.Errorf("transports: %s: reading request body: %w", describe(m, u), err)
	}

	p.mu.Lock()
	var x *Exchange
	for _, sum := range sums {
		if r := p.byKey[exchangeKey(m, u, sum)]; r != nil {
			x = &r.xs[r.next]
			if r.next < len(r.xs)-1 {
				r.next++
			}
			break
		}
	}
	p.mu.Unlock()

	if x == nil {
		what := "body withheld"
		if sums[0] != "" {
			what = "body sha256 " + sums[0][:12]
		}
		return nil, notRetried{fmt.Errorf("transports: %s (%s): %w", describe(m, u), what, ErrNotRecorded)}
	}
	resp := newResponse(req, x.Response.Status, x.Response.Header, x.Response.Body.Bytes())
	if x.Response.Body.Broken && !middleware.Bodiless(req.Method, resp.StatusCode) {
		// It failed when recorded: its bytes, then the failure.
		breakBody(resp, x.Response.Body.Bytes(), io.ErrUnexpectedEOF)
	}
	return resp, nil
}

// breakBody makes resp's body data then err, of no announced length (which
// would end it well at its last byte): a body whose connection broke.
func breakBody(resp *http.Response, data []byte, err error) {
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), failingReader{err}))
	resp.ContentLength = -1
	resp.Header.Del("Content-Length")
}

// failingReader fails every read with err.
type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

// maxRedactedBody bounds how much of a request body a Replayer holds in
// memory to redact it as a Recorder did; a longer form or JSON body matches
// only an exchange that withheld its body.
const maxRedactedBody = 64 << 20

// bodyDigests reads and closes req's body and returns the SHA256 values a
// Recorder may have recorded for it, most specific first: that of the
// body redacted whole (see redactBody; empty if withheld), that of the body
// truncated by the Recorder's bound (empty, withheld, for a form or JSON
// body), and that of the raw body, which recordings made before bodies
// were redacted hold.
func bodyDigests(req *http.Request) ([]string, error) {
	c := newCapture(maxRedactedBody)
	h := kindHeader(req.Header) // any spelling, as the Recorder reads it
	err := consume(req, func(r io.Reader) error {
		_, err := io.Copy(&digestWriter{c: c, h: h}, r)
		return err
	})
	if err != nil {
		return nil, err // c may still be written to: a stalled read goes on
	}
	raw := c.body(c.size)
	kind := kindOf(h, c.lead)
	truncated := raw.SHA256
	if kind != plainBody {
		truncated = ""
	}
	sums := []string{redactBody(h, kind, raw).SHA256}
	for _, s := range [...]string{truncated, raw.SHA256} {
		if !slices.Contains(sums, s) {
			sums = append(sums, s)
		}
	}
	return sums, nil
}

// digestWriter feeds a capture, which stops keeping bytes once the body's
// first bytes show that it is plain, recorded as it is: only form and JSON
// bodies are held.
type digestWriter struct {
	c       *capture
	h       http.Header
	decided bool
}

func (w *digestWriter) Write(p []byte) (int, error) {
	w.c.add(p, false)
	if !w.decided {
		w.c.mu.Lock()
		if w.c.led {
			w.decided = true
			if kindOf(w.h, w.c.lead) == plainBody {
				w.c.limit, w.c.buf = 0, nil
			}
		}
		w.c.mu.Unlock()
	}
	return len(p), nil
}
