package middleware

import (
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
)

// Call carries one logical request through the stack: the Settings the
// client resolved (read-only once the request starts) and a record that the
// layers write as they work (attempts, the URL that answered, the decoded
// body). A Call is safe for concurrent use; every method works on a nil *Call
// and then does nothing, so layers need not check. The zero Call (as
// NewCall(Settings{})) is a request of zero Settings of which nothing is
// recorded yet.
type Call struct {
	Settings Settings // read-only once the request enters the stack

	mu          sync.Mutex
	attempts    int32 // a call makes far fewer attempts
	retriesUsed int32
	traceLayers atomic.Bool // read without the lock: Visit runs in every layer
	// bodyTaken says that body, room for one BufferedBody (the answer's,
	// see BufferBody), is used.
	bodyTaken   atomic.Bool
	fromStore   bool
	fromCache   bool
	checked     bool
	headersSeen bool
	notKept     bool // SetAnswerNotKept's
	pending     bool // AddAttempt counted an attempt that has not reached the bottom layer yet (AddSent)
	passed      bool // PassOn: the counted request goes on into another client's stack
	failsOver   bool // SetFailsOver's: the URL under way fails over on a failed status
	decoded     any
	decodedBody []byte
	events      []Event
	firstEvent  [1]Event // the usual request has at most one: no slice to allocate
	body        BufferedBody
	// hops is what the usual call never records (see hopState): the Call
	// keeps one pointer for it, and stays in the 576-byte size class with
	// the context that carries it (see TestCallContextFitsItsSizeClass).
	hops *hopState
}

// hopState is what the store layer needs of a call's redirect hops and URL
// changes, and whether a hop tainted it, and what else only some calls
// record (the answering backup's URL, a response not handed back, a
// layer trace), apart from the Call, so that the usual call carries one
// pointer.
type hopState struct {
	url         *url.URL // SetHopURL's
	urlChange   string   // SetStoreURLChange's
	tainted     bool     // SetTainted's
	otherCreds  bool     // SetSentOtherCredentials's
	hasLast     bool     // last is set
	span        any      // SetRequestSpan's
	answeredURL string   // SetAnsweredURL's
	layers      []string // Visit's
	last        LastResponse
	store       func() // SetPendingStore's
}

// hopsLocked returns c.hops, made if need be; c.mu is held.
func (c *Call) hopsLocked() *hopState {
	if c.hops == nil {
		c.hops = new(hopState)
	}
	return c.hops
}

// LastResponse is a response that arrived but was not handed back: DataCheck
// rejected it, its body broke or was over the bound, the layers failed over
// from it. The client reports the last one with the request's error, so a
// failure still says what the server answered. Call.Last returns a copy;
// its Header and Body are shared and must not be modified, which makes it
// safe to read from several goroutines.
type LastResponse struct {
	StatusCode int         // its status
	Header     http.Header // as it arrived, shared: not to be modified
	URL        string      // the URL that answered, as Response.URL (not redacted: not an error's)
	Body       []byte      // nil when it was not read
	Decoded    any         // what DataCheck decoded from Body, if anything
}

// Outcome is what the layers recorded of a request, read at once when its
// response is back: Attempts, FromStore, FromCache, Checked, HeadersSeen and
// Decoded, under one lock. It is a copy, safe to read from any goroutine;
// the zero Outcome is a request of which nothing was recorded.
type Outcome struct {
	Attempts                                   int    // as Call.Attempts counts them
	FromStore, FromCache, Checked, HeadersSeen bool   // as Call's FromStore, FromCache and Checked say; HeadersSeen: HeadersReceived announced an answer
	DecodedBody                                []byte // see Decoded
	Decoded                                    any    // what a layer decoded of DecodedBody (SetDecoded); nil: nothing
}

// Outcome returns the record so far (the zero Outcome for a nil Call).
func (c *Call) Outcome() Outcome {
	if c == nil {
		return Outcome{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return Outcome{Attempts: int(c.attempts), FromStore: c.fromStore, FromCache: c.fromCache, Checked: c.checked,
		HeadersSeen: c.headersSeen, DecodedBody: c.decodedBody, Decoded: c.decoded}
}

// SetAnsweredURL records the URL whose response is handed back.
func (c *Call) SetAnsweredURL(u string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if u != "" || c.hops != nil {
		c.hopsLocked().answeredURL = u
	}
	c.mu.Unlock()
}

// AnsweredURL is the URL recorded by SetAnsweredURL ("" if none).
func (c *Call) AnsweredURL() string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil {
		return ""
	}
	return c.hops.answeredURL
}

// SetDecoded keeps the value a layer decoded from body, so the client can
// reuse it when it hands back the same bytes.
func (c *Call) SetDecoded(body []byte, v any) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.decodedBody, c.decoded = body, v
	c.mu.Unlock()
}

// Decoded returns the value kept by SetDecoded and the body it came from.
func (c *Call) Decoded() (body []byte, v any) {
	if c == nil {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.decodedBody, c.decoded
}

// SetHopURL records the URL of a redirect hop as the client's redirect
// policy made it, before any layer saw the hop (a copy of *u): the store
// tells a URL a layer above it changed from the hop's own (see HopURL).
func (c *Call) SetHopURL(u *url.URL) {
	if c == nil || u == nil {
		return
	}
	cp := *u
	c.mu.Lock()
	c.hopsLocked().url = &cp
	c.mu.Unlock()
}

// SetRequestSpan keeps v, what a request-level observer (tracing's
// RequestMiddleware: the span context of the call's first pass through the
// stack) gives the call's later passes, a redirect's hops, so that one call
// is one trace; the first value kept stays. RequestSpan returns it, nil if
// none.
func (c *Call) SetRequestSpan(v any) {
	if c == nil || v == nil {
		return
	}
	c.mu.Lock()
	if h := c.hopsLocked(); h.span == nil {
		h.span = v
	}
	c.mu.Unlock()
}

// RequestSpan returns what SetRequestSpan kept, nil if nothing.
func (c *Call) RequestSpan() any {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil {
		return nil
	}
	return c.hops.span
}

// SetStoreURLChange records what the store layer added to the call's key
// for the URL a layer above changed on its first request ("" for
// nothing), for its redirect hops to start from (see StoreURLChange).
func (c *Call) SetStoreURLChange(s string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.hopsLocked().urlChange = s
	c.mu.Unlock()
}

// StoreURLChange returns what SetStoreURLChange recorded.
func (c *Call) StoreURLChange() string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil {
		return ""
	}
	return c.hops.urlChange
}

// HopURL returns the URL SetHopURL last recorded, nil for none. It is not
// to be modified.
func (c *Call) HopURL() *url.URL {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil {
		return nil
	}
	return c.hops.url
}

// SetLast records r as the last response that arrived and was not handed
// back, replacing any earlier one.
func (c *Call) SetLast(r LastResponse) {
	if c == nil {
		return
	}
	c.mu.Lock()
	h := c.hopsLocked()
	h.last, h.hasLast = r, true
	c.mu.Unlock()
}

// SetLastFrom records resp's status and header (not its body), answering
// req, with SetLast.
func (c *Call) SetLastFrom(req *http.Request, resp *http.Response) {
	if c == nil || resp == nil {
		return
	}
	c.SetLast(LastResponse{StatusCode: resp.StatusCode, Header: resp.Header, URL: req.URL.String()})
}

// Last returns what SetLast recorded; ok is false when nothing was.
func (c *Call) Last() (r LastResponse, ok bool) {
	if c == nil {
		return LastResponse{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil || !c.hops.hasLast {
		return LastResponse{}, false
	}
	return c.hops.last, true
}

// BufferBody is middleware.BufferBody that, the first time, puts the body
// in room the Call keeps for it: a request's answer is buffered once, and
// this saves an allocation per request.
func (c *Call) BufferBody(resp *http.Response, limit int64) ([]byte, error) {
	if c == nil || !c.bodyTaken.CompareAndSwap(false, true) {
		return BufferBody(resp, limit)
	}
	b, err := bufferBody(resp, limit, &c.body)
	if resp.Body != &c.body {
		c.bodyTaken.Store(false) // not used (an error, a body already buffered): the next one may
	}
	return b, err
}

// HeadersReceived calls Settings.OnHeaders, if set, with resp's status and
// header, and records that it was called (see HeadersSeen). A layer calls it
// for an answer before it reads the answer's body. A redirect the client
// follows is not an answer (see Redirected), nor yet one a layer above may
// replace (see HoldHeaders), nor a 101 to a request that asked for no
// upgrade (see unsolicitedSwitch): nothing is called.
func (c *Call) HeadersReceived(resp *http.Response) {
	if c == nil || Redirected(resp.Request, resp) || unsolicitedSwitch(resp) || held(resp) {
		return
	}
	c.announce(resp)
}

// unsolicitedSwitch reports whether resp is a 101 Switching Protocols to a
// request that sent no Upgrade header: fetch's network error, which the
// client fails with client.ErrProtocolSwitch and no status, so no answer
// to announce (go-httpbin's /status/101 answers any request so).
func unsolicitedSwitch(resp *http.Response) bool {
	return resp.StatusCode == http.StatusSwitchingProtocols && resp.Request != nil && resp.Request.Header.Get("Upgrade") == ""
}

// announce is HeadersReceived once resp is known to be an answer.
func (c *Call) announce(resp *http.Response) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.headersSeen = true
	c.mu.Unlock()
	if c.Settings.OnHeaders != nil {
		c.Settings.OnHeaders(resp.StatusCode, resp.Header)
	}
}
