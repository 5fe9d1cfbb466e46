package middleware

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
)

// Settings are one request's values for the layers: the client resolves an
// Option's fields into them, defaults applied, before the request enters the
// stack. A layer that finds no Settings in the context (it runs inside a plain
// http.Client) uses the defaults it was built with instead.
type Settings struct {
	// Timeout bounds each attempt, body read included. Zero means no
	// per-attempt deadline.
	Timeout time.Duration
	// RetryTimes is the number of retries after the first attempt. The budget
	// is shared by the primary URL and its backups unless RetryPerURL is set.
	RetryTimes int
	// RetryPerURL gives every URL (primary and each backup) its own budget.
	RetryPerURL bool
	// Idempotent marks a POST, PATCH or CONNECT as safe to retry after it may
	// have reached the server.
	Idempotent bool
	// Backup lists absolute failover URLs, tried in order after the primary.
	Backup []string
	// BackupQuery is the encoded query data (GET/HEAD) to append to each
	// backup URL; the primary URL already carries it.
	BackupQuery string
	// AttemptCheck, when set, judges every attempt's response with its whole
	// body (read inside the attempt, so its timeout bounds the read; bounded
	// by MaxBodyBytes). The retry layer applies it: an error makes the attempt
	// a failed one, retried under the retry rules and then failed over, the
	// error kept; otherwise the returned bytes become the body that the
	// layers above see. The client sets it for JSONP: a non-2xx status or a
	// body that is not the expected call fails, and the unwrapped payload is
	// what DataCheck, the HTTP cache and the store get.
	AttemptCheck func(resp *http.Response, body []byte) ([]byte, error)
	// DataCheck validates a whole buffered response. ok false means this URL
	// failed. decoded is kept on the Call so the client need not decode twice.
	DataCheck func(resp *http.Response, body []byte) (ok bool, decoded any)
	// UseStore lets the store layer answer from, and write to, its store.
	UseStore bool
	// StoreKey identifies the request in the store: method, the original URL
	// with its query data, and a hash of the body for methods with one.
	StoreKey string
	// StoreCheck decides whether stored data may answer without the
	// network; nil means it may not.
	StoreCheck func(stored *http.Response, body []byte) bool
	// Cache is the fetch cache mode for the HTTP cache layer: "default",
	// "no-store", "reload", "no-cache", "force-cache" or "only-if-cached".
	// "" means "default".
	Cache string
	// Credentials is the fetch credentials mode: "omit", "same-origin" or
	// "include"; it says when a cookie jar may be read and written.
	Credentials string
	// Origin is the client's origin (scheme://host:port); "" makes every
	// request same-origin.
	Origin string
	// Mode is the fetch mode: "same-origin", "cors" or "no-cors"; "" means
	// no mode applies (a request that did not come from a client).
	Mode string
	// CredentialHeaders names headers that hold credentials on top of the
	// built-in set (Authorization, Proxy-Authorization, Cookie and
	// secret-looking names such as X-Api-Key): they are stripped from
	// requests to another origin and are part of the credential partition.
	CredentialHeaders []string
	// Partition returns the credential partition of a request to req.URL: a
	// keyed hash of its credential headers and of the cookies the client's
	// jar will attach to it, "" when it carries none. Stores and caches put
	// it in their keys so that one user's data never answers another. Nil
	// means the layer computes it from the request's own headers.
	Partition func(req *http.Request) string
	// URL and URLText are the request's URL as the client built it and its
	// text (not redacted), so a layer that needs the text of that URL does
	// not format it again (Call.RedactedURL). Nil and "": unknown.
	URL     *url.URL
	URLText string
	// MaxBodyBytes bounds how much of a response body a layer may buffer.
	// Zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Buffered says that the caller reads the whole body before it returns
	// (the client's Request and Do). The retry layer then reads it inside
	// each attempt, under the attempt's timeout: a body that stalls or is
	// cut short is a failed attempt, and the bytes go up in a BufferedBody.
	// False (a streamed body) leaves the body to the caller.
	Buffered bool
	// Streaming says that the caller consumes the body as it arrives
	// (client Option.EnableChunked; Buffered is then false). The timeout
	// layer then bounds the wait for the headers and, after them, each wait
	// for more of the body (an idle timeout), not the whole attempt; the
	// retry layer retries and fails over only until the first byte of the
	// body has arrived, and after that resumes a broken GET with a Range
	// request when the response has a validator (see package retry).
	Streaming bool
	// OnHeaders, when set, is called with an answer's status and header as
	// soon as they arrive, before its body is read (Task.OnHeadersReceived).
	// Layers call it through Call.HeadersReceived.
	OnHeaders func(status int, header http.Header)
}

// DefaultMaxBodyBytes is the response-size bound when none is configured.
const DefaultMaxBodyBytes = 8 << 20

// BodyLimit returns s.MaxBodyBytes or its default.
func (s *Settings) BodyLimit() int64 {
	if s == nil || s.MaxBodyBytes <= 0 {
		return DefaultMaxBodyBytes
	}
	return s.MaxBodyBytes
}

// Call carries one logical request through the stack: the Settings the
// client resolved (read-only once the request starts) and a record that the
// layers write as they work (attempts, the URL that answered, the decoded
// body). A Call is safe for concurrent use; every method works on a nil *Call
// and then does nothing, so layers need not check.
type Call struct {
	Settings Settings

	mu          sync.Mutex
	attempts    int
	retriesUsed int
	answeredURL string
	decoded     any
	decodedBody []byte
	layers      []string
	traceLayers atomic.Bool // read without the lock: Visit runs in every layer
	fromStore   bool
	fromCache   bool
	checked     bool
	events      []Event
	firstEvent  [1]Event // the usual request has at most one: no slice to allocate
	last        *LastResponse
	headersSeen bool
	// body is room for one BufferedBody, the answer's (see BufferBody);
	// bodyTaken says it is used.
	body      BufferedBody
	bodyTaken atomic.Bool
}

// LastResponse is a response that arrived but was not handed back: DataCheck
// rejected it, its body broke or was over the bound, the layers failed over
// from it. The client reports the last one with the request's error, so a
// failure still says what the server answered.
type LastResponse struct {
	StatusCode int
	Header     http.Header
	URL        string // the URL that answered, as Response.URL (not redacted: not an error's)
	Body       []byte // nil when it was not read
	Decoded    any    // what DataCheck decoded from Body, if anything
}

// Event is something a layer did to a request that an observer (a tracing
// span, a log line) may want to report: a retry, a failover, a breaker
// rejection, a store or cache hit.
type Event struct {
	Name string    // e.g. EventRetry
	URL  string    // the URL concerned, if any, redacted
	Err  error     // what caused it, if anything
	At   time.Time // when it happened

	url *url.URL // AddEventURL's, formatted into URL when the events are read
}

// Event names recorded by taroreq's layers.
const (
	EventRetry            = "retry"             // an attempt failed and is retried
	EventFailover         = "failover"          // a URL failed; the next backup is tried
	EventBreakerOpen      = "breaker.open"      // the breaker refused an attempt
	EventStoreHit         = "store.hit"         // the store answered without the network
	EventStoreFallback    = "store.fallback"    // stale stored data answered after every URL failed
	EventCacheHit         = "cache.hit"         // the HTTP cache answered without the network
	EventCacheRevalidated = "cache.revalidated" // a stale entry was confirmed by a 304
)

type callKey struct{}

// WithCall returns a context that carries call.
func WithCall(ctx context.Context, call *Call) context.Context {
	return context.WithValue(ctx, callKey{}, call)
}

// CallFrom returns the Call in ctx, or nil when the request did not come
// from a taroreq client.
func CallFrom(ctx context.Context) *Call {
	c, _ := ctx.Value(callKey{}).(*Call)
	return c
}

// NewCall returns a Call for settings s.
func NewCall(s Settings) *Call { return &Call{Settings: s} }

// NewCallContext is NewCall and WithCall in one allocation: the context
// that carries the Call holds it.
func NewCallContext(ctx context.Context, s Settings) (context.Context, *Call) {
	cc := &callContext{Context: ctx, call: Call{Settings: s}}
	return cc, &cc.call
}

// callContext is a context carrying a Call it holds. context.WithCancel and
// the like still attach to the nearest cancelable parent, as Value and Done
// are the parent's for every other key.
type callContext struct {
	context.Context
	call Call
}

func (c *callContext) Value(key any) any {
	if _, ok := key.(callKey); ok {
		return &c.call
	}
	return c.Context.Value(key)
}

func (c *callContext) String() string { return fmt.Sprintf("%v.WithCall", c.Context) }

// Outcome is what the layers recorded of a request, read at once when its
// response is back: Attempts, FromStore, FromCache, Checked, HeadersSeen and
// Decoded, under one lock.
type Outcome struct {
	Attempts                                   int
	FromStore, FromCache, Checked, HeadersSeen bool
	DecodedBody                                []byte // see Decoded
	Decoded                                    any
}

// Outcome returns the record so far (the zero Outcome for a nil Call).
func (c *Call) Outcome() Outcome {
	if c == nil {
		return Outcome{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return Outcome{Attempts: c.attempts, FromStore: c.fromStore, FromCache: c.fromCache, Checked: c.checked,
		HeadersSeen: c.headersSeen, DecodedBody: c.decodedBody, Decoded: c.decoded}
}

// AddAttempt counts one attempt sent to the network (or to the layer below
// the retry layer).
func (c *Call) AddAttempt() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.attempts++
	c.mu.Unlock()
}

// Attempts is the number of attempts counted so far.
func (c *Call) Attempts() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.attempts
}

// TakeRetry spends one retry of the request's budget and reports whether
// there was one to spend.
func (c *Call) TakeRetry() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.retriesUsed >= c.Settings.RetryTimes {
		return false
	}
	c.retriesUsed++
	return true
}

// ResetRetries gives the next URL a fresh budget when Settings.RetryPerURL
// asks for it.
func (c *Call) ResetRetries() {
	if c == nil || !c.Settings.RetryPerURL {
		return
	}
	c.mu.Lock()
	c.retriesUsed = 0
	c.mu.Unlock()
}

// SetAnsweredURL records the URL whose response is handed back.
func (c *Call) SetAnsweredURL(u string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.answeredURL = u
	c.mu.Unlock()
}

// AnsweredURL is the URL recorded by SetAnsweredURL ("" if none).
func (c *Call) AnsweredURL() string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answeredURL
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

// SetFromStore records that the response came from the store.
func (c *Call) SetFromStore() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.fromStore = true
	c.mu.Unlock()
}

// FromStore reports whether SetFromStore was called.
func (c *Call) FromStore() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fromStore
}

// SetChecked records that a response passed Settings.AttemptCheck, so its
// body is the checked one.
func (c *Call) SetChecked() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.checked = true
	c.mu.Unlock()
}

// Checked reports whether SetChecked was called.
func (c *Call) Checked() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.checked
}

// SetFromCache records that the response came from the HTTP cache.
func (c *Call) SetFromCache() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.fromCache = true
	c.mu.Unlock()
}

// FromCache reports whether SetFromCache was called.
func (c *Call) FromCache() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fromCache
}

// SetLast records r as the last response that arrived and was not handed
// back, replacing any earlier one.
func (c *Call) SetLast(r LastResponse) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.last = &r
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
	if c.last == nil {
		return LastResponse{}, false
	}
	return *c.last, true
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
// for an answer before it reads the answer's body.
func (c *Call) HeadersReceived(resp *http.Response) {
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

// HeadersSeen reports whether HeadersReceived was called.
func (c *Call) HeadersSeen() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.headersSeen
}

// AddEvent records e (At set to now when zero).
func (c *Call) AddEvent(e Event) {
	if c == nil {
		return
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	c.mu.Lock()
	if c.events == nil {
		c.events = c.firstEvent[:0]
	}
	c.events = append(c.events, e)
	c.mu.Unlock()
}

// RedactedURL is credential.URL(u): the text of u without secrets, taken
// from Settings.URLText when u is the URL the client built.
func (c *Call) RedactedURL(u *url.URL) string {
	if c != nil && c.Settings.URLText != "" && c.Settings.URL != nil && u != nil &&
		(u == c.Settings.URL || *u == *c.Settings.URL) {
		return credential.URLText(u, c.Settings.URLText)
	}
	return credential.URL(u)
}

// AddEventURL records an event about u (which must not change after), Err
// err. The URL's redacted text is made only if the events are read: most
// requests have no observer.
func (c *Call) AddEventURL(name string, u *url.URL, err error) {
	c.AddEvent(Event{Name: name, Err: err, url: u})
}

// Events returns a copy of the events recorded so far, in order.
func (c *Call) Events() []Event {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.events {
		if e := &c.events[i]; e.url != nil {
			e.URL, e.url = credential.URL(e.url), nil
		}
	}
	return append([]Event(nil), c.events...)
}

type traceKey struct{}

// WithLayerTrace asks the client to record, on the Call it makes for a
// request sent with ctx, the layers the request passes through.
func WithLayerTrace(ctx context.Context) context.Context {
	return context.WithValue(ctx, traceKey{}, true)
}

// LayerTraceRequested reports whether ctx came from WithLayerTrace.
func LayerTraceRequested(ctx context.Context) bool { return ctx.Value(traceKey{}) != nil }

// TraceLayers turns on the record of layer names that Visit keeps; it is
// meant for tests and debugging, and costs an allocation per layer.
func (c *Call) TraceLayers() {
	if c == nil {
		return
	}
	c.traceLayers.Store(true)
}

// Visit records that a request passed through the named layer, when
// TraceLayers is on.
func (c *Call) Visit(layer string) {
	if c == nil || !c.traceLayers.Load() {
		return
	}
	c.mu.Lock()
	c.layers = append(c.layers, layer)
	c.mu.Unlock()
}

// Layers returns the names recorded by Visit, in order.
func (c *Call) Layers() []string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.layers...)
}
