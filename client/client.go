package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/optiontext"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/transports"
)

// DefaultMaxResponseBytes bounds a response body unless WithMaxResponseBytes
// says otherwise.
const DefaultMaxResponseBytes = middleware.DefaultMaxBodyBytes

// Client sends Options. It is safe for concurrent use; create one with New
// and share it, as with http.Client. Its zero value (and a nil *Client) is
// not usable: every call through it fails with ErrInvalidOption.
type Client struct {
	base         *url.URL
	baseErr      error
	optErr       error // a ClientOption New could not take: every call fails with it
	stack        http.RoundTripper
	transport    http.RoundTripper // the bottom of stack, for CloseIdleConnections
	encoders     *encoders.Registry
	maxBody      int64
	maxReqBuffer int64
	retryPerURL  bool
	origin       string // the base URL's scheme://host:port, "" without one
	now          func() time.Time
	interceptors atomic.Pointer[[]Interceptor]
	noHTTPCache  bool // surely no cache layer: only-if-cached fails before any I/O (else the bottom layer's check)
	jar          http.CookieJar
	credHeaders  []string // the user's additions to the credential set
	urls         *urlCache
	memo         *decodeMemo
	keys         *keyMemo
	partitioner  *credential.Partitioner
	partitionFn  func(*http.Request) string            // c.partition, made once
	jarCookiesFn func(string, *url.URL) []*http.Cookie // c.jarCookies, made once
}

// DefaultLayers returns the layers of a client built without WithLayers, in
// the order package middleware documents, outermost first.
func DefaultLayers() []middleware.Middleware { return settings{}.defaultLayers() }

func (s settings) defaultLayers() []middleware.Middleware {
	st := s.store
	if st == nil {
		st = store.NewMemory()
	}
	// Requests from a plain http.Client over Transport carry no settings:
	// the layers partition them with the client's credential names and
	// key, as the bottom layer sends them (a hop without the credential
	// headers it strips); the user's own layer options come after and win.
	storeOpts := []store.Option{store.WithCredentialHeaders(s.credHeaders...), store.WithPartitionHeader(s.sentHeader)}
	cacheOpts := []httpcache.Option{httpcache.WithCredentialHeaders(s.credHeaders...), httpcache.WithPartitionHeader(s.sentHeader)}
	key := s.partitionKey
	if key == nil {
		// One random key for the store layer and its fallback (each would
		// draw its own: the fallback would look under another partition
		// than the layer wrote), which they take for the default: a
		// request without credentials has the partition "" there too.
		key = credential.RandomKey()
	}
	storeOpts = append(storeOpts, store.WithPartitionKey(key))
	cacheOpts = append(cacheOpts, httpcache.WithPartitionKey(key))
	storeOpts, cacheOpts = append(storeOpts, s.storeOpts...), append(cacheOpts, s.httpCache...)
	bo := append([]backup.Option{backup.WithCredentialHeaders(s.credHeaders...)}, s.backup...)
	bo = append(bo, backup.WithFallback(store.Fallback(st, storeOpts...)))
	layers := []middleware.Middleware{
		store.Middleware(st, storeOpts...),
		backup.Middleware(bo...),
		datacheck.Middleware(),
	}
	if s.httpCacheOn {
		layers = append(layers, httpcache.Middleware(cacheOpts...))
	}
	return append(layers,
		retry.Middleware(s.retry...),
		breaker.Middleware(s.breaker...),
		timeout.Middleware(),
	)
}

// New returns a Client. With no options it has the default layers, Taro's
// defaults and a fresh tuned transport; nothing touches the network until a
// request is sent. An invalid base URL makes every request fail with
// ErrInvalidURL, a WithCredentialHeaders name that is no header name with
// ErrInvalidOption.
func New(opts ...ClientOption) *Client {
	s := settings{maxBody: DefaultMaxResponseBytes, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.jar == nil {
		s.jar = newOriginJar()
	}
	if st, ok := s.transport.(stackTransport); ok {
		// Over another client's Transport: its credential names are
		// credentials here too (its layers count them, and so must ours,
		// above them).
		s.credHeaders = withNames(s.credHeaders, st.c.credHeaders)
	}
	if s.partitionKey == nil && credential.CertifiesUser(s.transport) {
		s.partitionKey = credential.OwnKey()
	}
	c := &Client{maxBody: s.maxBody, maxReqBuffer: s.maxReqBuffer, retryPerURL: s.retryPerURL,
		now: s.now, encoders: encoders.NewRegistry(), noHTTPCache: !s.httpCacheOn && !s.layersSet && len(s.outer) == 0 && len(s.extra) == 0,
		jar: s.jar, credHeaders: slices.Clip(s.credHeaders), partitioner: partitionerFor(s),
		urls: newURLCache(), memo: newDecodeMemo(), keys: newKeyMemo()}
	c.partitionFn, c.jarCookiesFn = c.partition, c.jarCookies
	if i := slices.IndexFunc(c.credHeaders, func(n string) bool { return !validHeaderName(n) }); i >= 0 {
		// It would match no header and protect nothing: said, not ignored.
		// Named up to its first byte that is no token's: a name given
		// with its value ("X-Workspace: tok") holds a secret there.
		c.optErr = fmt.Errorf("%w: WithCredentialHeaders name %s is no header name", ErrInvalidOption, optiontext.HeaderName(c.credHeaders[i]))
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if s.baseURL != "" {
		c.base, c.baseErr = parseAbsolute(backslashesAsSlashes(credential.FragmentPercents(credential.EscapeControls(CleanURL(s.baseURL)))))
		if c.baseErr != nil {
			c.baseErr = fmt.Errorf("base URL: %w", c.baseErr)
		} else {
			c.origin = credential.Origin(c.base)
		}
	}
	for mt, e := range s.encoders {
		c.encoders.Register(mt, e)
	}
	base := middleware.Base(s.transport)
	if base == http.DefaultTransport && s.transport != http.DefaultTransport {
		base = transports.Default() // none given: nil, or a nil *http.Transport or RoundTripperFunc
	}
	layers := guardLayers(s.layers)
	if !s.layersSet {
		s.sentHeader = c.plainSentHeader
		layers = s.defaultLayers()
	}
	inner := guardLayers(s.extra)
	if len(inner) > 0 {
		// What they set below the store and the HTTP cache is told apart
		// from what those layers keyed the request by.
		g := &innerCredentials{c: c}
		inner = append(append([]middleware.Middleware{g.above}, g.watch(inner)...), g.below)
	}
	all := append(append(append(guardLayers(s.outer), layers...), inner...), cookieLayer(s.jar, s.credHeaders))
	c.stack = middleware.Chain(base, all...)
	c.transport = base
	is := append([]Interceptor(nil), s.interceptors...)
	c.interceptors.Store(&is)
	return c
}

// AddInterceptor appends an interceptor; requests already under way keep
// the chain they started with. A nil i changes nothing.
func (c *Client) AddInterceptor(i Interceptor) {
	if i == nil || c.unusable(context.Background()) != nil {
		return // a nil or zero Client's calls fail before any interceptor
	}
	for {
		old := c.interceptors.Load()
		next := append(append(make([]Interceptor, 0, len(*old)+1), *old...), i)
		if c.interceptors.CompareAndSwap(old, &next) {
			return
		}
	}
}

// CleanInterceptors removes every interceptor (Taro's cleanInterceptors).
func (c *Client) CleanInterceptors() {
	if c.unusable(context.Background()) == nil {
		c.interceptors.Store(&[]Interceptor{})
	}
}

// Request sends opt and waits for the response (Taro's await
// Taro.request). The returned *Response is never nil: on failure it carries
// ErrMsg "request:fail <reason>" and err is an *Error. Success or Fail, then
// Complete, have been called when it returns.
func (c *Client) Request(ctx context.Context, opt Option) (*Response, error) {
	return c.run(ctx, opt)
}

// run passes opt through the interceptors and the network, then calls the
// callbacks of the caller's opt once.
func (c *Client) run(ctx context.Context, opt Option) (*Response, error) {
	return c.runDecoding(ctx, opt, nil)
}

// runDecoding is run with the typed call's decode, if any. Without
// interceptors it goes straight to send; with them, the decode rides in the
// context, the only thing an interceptor hands on besides the Option.
func (c *Client) runDecoding(ctx context.Context, opt Option, dec typedDecoder) (*Response, error) {
	if bad := c.unusable(ctx); bad != nil {
		return failUnusable(&opt, bad)
	}
	var resp *Response
	var err error
	ctx = ownTask(ctx)
	if chain := *c.interceptors.Load(); len(chain) == 0 {
		// Without interceptors the network is called once: a typed call's
		// Response can live in its Result.
		var room *Response
		if dec != nil {
			room = dec.response()
		}
		if _, ok := opt.Data.(io.Reader); ok {
			ctx = withReaderBodies(ctx) // for an event stream's reconnections
		}
		resp, err = c.sendDecoding(ctx, opt, dec, room)
	} else {
		// An interceptor may proceed more than once, with a reader as Data,
		// at once, or after the call returns.
		ctx = withReaderBodies(ctx)
		if dec != nil {
			dec.decodeAside()
			ctx = context.WithValue(ctx, decodeKey{}, dec)
		} else if ctx.Value(decodeKey{}) != nil {
			// A call an interceptor makes with its ctx is not the typed
			// call around it.
			ctx = context.WithValue(ctx, decodeKey{}, nil)
		}
		if len(c.credHeaders) > 0 {
			ctx = middleware.WithCredentialHeaderNames(ctx, c.credHeaders)
		}
		// For CallURL: an interceptor that writes the URL out (a log) names
		// it as the call's errors do. Calls without interceptors pay nothing.
		ctx = context.WithValue(ctx, interceptingKey{}, c)
		resp, err = proceedAt(chain, 0, c.send)(ctx, withDefaults(opt))
		if _, ok := err.(*Error); err != nil && !ok {
			// An interceptor's own error, or one it wrapped around ours:
			// every call's error is an *Error (err.(*client.Error) holds).
			err = c.fail(&opt, err)
		}
	}
	if resp == nil {
		resp = &Response{}
	}
	if err != nil && resp.Body != nil {
		// A failed call hands back no body to read, as net/http's: an
		// interceptor that fails a streamed answer after proceeding
		// leaves it to the client to close. The Response may be shared:
		// the copy has no Body.
		resp.Body.Close()
		cp := *resp
		cp.Body = nil
		resp = &cp
	}
	if err == nil && ctx.Err() != nil && errors.Is(context.Cause(ctx), ErrAbort) {
		// Aborted while the answer was being checked or decoded: the
		// call has not ended, so the abort stands (only an Abort after
		// the end does nothing). Its Response is the answer that arrived,
		// as a failed call's is (its status, header and data; an opaque
		// one shows none), without a body to read.
		cp := *resp
		if cp.Body != nil {
			cp.Body.Close()
			cp.Body = nil
		}
		resp, err = &cp, c.fail(&opt, ErrAbort)
	}
	if dec != nil {
		// Value is what the returned Data holds: not an answer a check
		// refused, nor one a no-cors call must not show, nor what another
		// proceed of the call decoded.
		dec.setValue(resp.Data)
	}
	if msg := errMsg(err); resp.ErrMsg != msg {
		// An interceptor may answer with a Response it shares: copy, never
		// write to it.
		cp := *resp
		cp.ErrMsg = msg
		resp = &cp
	}
	if resp.Body != nil {
		// A streamed body is the caller's to close, but a callback that
		// panics (or exits the goroutine) hands the caller nothing: close
		// it, or its connection stays open for as long as the server
		// streams.
		reported := false
		defer func() {
			if !reported {
				resp.Body.Close()
			}
		}()
		report(&opt, resp, err)
		reported = true
		return resp, err
	}
	report(&opt, resp, err)
	return resp, err
}

// report calls opt's callbacks as Taro does: Fail or Success, then
// Complete.
func report(opt *Option, resp *Response, err error) {
	if err != nil {
		if opt.Fail != nil {
			opt.Fail(resp, err)
		}
	} else if opt.Success != nil {
		opt.Success(resp)
	}
	if opt.Complete != nil {
		opt.Complete(resp, err)
	}
}

// withDefaults is opt with its zero values replaced by the defaults they
// mean, so that an interceptor sees what will be sent (Method "GET", not
// ""). The caller's callbacks keep the caller's Option.
func withDefaults(opt Option) Option {
	if m, err := method(opt.Method); err == nil {
		opt.Method = m // an invalid method stays as it is, for build to refuse
	}
	if opt.DataType == "" {
		opt.DataType = DataTypeJSON
	}
	if opt.ResponseType == "" {
		opt.ResponseType = ResponseTypeText
	}
	if opt.Mode == "" {
		opt.Mode = ModeSameOrigin
	}
	if opt.Credentials == "" {
		opt.Credentials = CredentialsOmit
	}
	if opt.Cache == "" {
		opt.Cache = CacheDefault
		if opt.EnableChunked {
			opt.Cache = CacheNoStore // what a streamed call uses (streamSettings)
		}
		opt.cacheFilled = opt.Cache // the caller chose none: no fetch header for it
	}
	if opt.Timeout == 0 {
		opt.Timeout = timeout.DefaultTimeout
	}
	if opt.RetryTimes == 0 {
		opt.RetryTimes = retry.DefaultRetryTimes
	}
	return opt
}

// proceedAt returns the Proceed that runs chain[i:] and then last.
func proceedAt(chain []Interceptor, i int, last Proceed) Proceed {
	if i == len(chain) {
		return last
	}
	return func(ctx context.Context, opt Option) (*Response, error) {
		resp, err := chain[i](ctx, opt, proceedAt(chain, i+1, last))
		if resp == nil && err == nil {
			// No answer is no "request:ok", for the interceptors
			// around it either.
			err = fmt.Errorf("interceptor %d returned a nil *Response with a nil error", i)
		}
		return resp, err
	}
}
