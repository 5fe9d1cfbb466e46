package client

import (
	"context"
	"net/http"
	"time"
)

// Option is one request, with Taro.request's fields. The zero value of every
// field but URL means its default. An Option is a value: the client never
// modifies the caller's Header or Data. One Option may be sent by several
// goroutines at once, while none modifies it (its maps included), unless
// its Data holds an io.Reader or a File, which a send consumes.
type Option struct {
	// URL is absolute, or relative to the client's base URL.
	URL string
	// Method is one of OPTIONS GET HEAD POST PUT DELETE TRACE CONNECT PATCH,
	// in any case. "" means GET.
	Method string
	// Data is the query (GET, HEAD) or the body (other methods). A string is
	// used as it is; a map, url.Values or struct is encoded (query string,
	// JSON, form or an encoder registered for the content type), and so is
	// a slice, keyed by its indexes in a query or a form (0=a&1=b, as
	// Taro's serializeParams sends an array); string,
	// []byte and io.Reader are the body as they are. See package encoders.
	Data any
	// Header is sent with the request. A body without a Content-Type gets
	// "application/json". Referer is never sent: Taro forbids it, so it is
	// dropped here and on redirects.
	Header http.Header
	// DataType "json" (the default, for "") parses the body as JSON into
	// Response.Data; any other value leaves it unparsed.
	DataType DataType
	// ResponseType is "text" (the default, for "") or "arraybuffer" (Data is
	// the body as []byte, never parsed).
	ResponseType ResponseType
	// Timeout bounds each attempt, reading the body included. 0 means 2s; a
	// negative value means no per-attempt deadline. The ctx's deadline bounds
	// the whole request either way.
	Timeout time.Duration
	// RetryTimes is the number of retries after the first attempt. 0 means
	// the default, 2; NoRetry (or any negative value) means none. The budget
	// is shared by the URL and its backups: once the primary has spent it,
	// each backup gets one attempt.
	RetryTimes int
	// Idempotent allows POST, PATCH and CONNECT to be retried after they may
	// have reached the server (an Idempotency-Key header does the same).
	Idempotent bool
	// Backup lists failover URLs (absolute or relative to the base URL),
	// tried in order once the primary has failed.
	Backup []string
	// DataCheck validates a response; false means this URL failed: the next
	// backup is tried, the same URL is not retried. Its Response holds the
	// answer's own header and body: with UseStore, an answer it wrote in
	// is not stored (it is the caller's, not the origin's, and the store's
	// entry answers the key's next callers).
	DataCheck func(*Response) bool

	// UseStore reads the client's store before the network and writes a
	// successful response to it (Taro's useStore). A stored response answers
	// without the network only when StoreCheck (or the default check) and
	// DataCheck accept it; once every URL has failed, stored data answers
	// even with a stale sign if DataCheck accepts it.
	UseStore bool
	// StoreCheckKey names the field of the stored JSON data that holds its
	// version; StoreSign is the version the caller accepts. The default
	// StoreCheck passes when both are set and the stored field equals
	// StoreSign (compared as strings).
	StoreCheckKey string // "": stored data never answers before the network (but a StoreCheck's)
	StoreSign     string // "": as StoreCheckKey ""
	// StoreCheck replaces the default check of stored data.
	StoreCheck func(stored *Response) bool
	// Cache is the fetch cache mode for the client's HTTP cache (enabled
	// with WithHTTPCache): "default" (for ""), "no-store", "reload",
	// "no-cache", "force-cache" or "only-if-cached". Without the cache
	// layer the mode still sends fetch's header fields (reload and no-store
	// Cache-Control and Pragma no-cache, no-cache max-age=0), and
	// only-if-cached fails with httpcache.ErrNotCached before any I/O.
	Cache Cache

	// JSONP makes the request a JSONP GET: the URL carries
	// callback=<JSONPCallback> and the body name(...) is unwrapped and parsed
	// as JSON, whatever DataType and ResponseType say (jsonp-retry reads
	// neither). A body that is not that call fails the request.
	JSONP bool
	// JSONPCallback names the callback; "" means "__jsonp<unix ms>". Setting
	// it implies JSONP.
	JSONPCallback string
	// JSONPCache false (the default) adds the cache-buster _=<unix ms>.
	JSONPCache bool

	// Mode is "same-origin" (the default, for ""): a request to another
	// origin than the base URL's is refused before any I/O; "cors": allowed,
	// Origin sent on each request to another origin (a backup's, a redirect
	// hop's); "no-cors": GET, HEAD or POST with simple headers
	// only, and, when the URL or a backup is of another origin, the
	// response is opaque (status 0, no headers, no data) whichever answers,
	// but for JSONP's payload (status 200, nothing else): a no-cors <script>
	// load runs the script it brings.
	// Without a base URL every request is same-origin.
	Mode Mode
	// Credentials is "omit" (the default, for ""): the client's cookie jar
	// is neither read nor written; "same-origin": the jar is used for
	// same-origin requests only; "include": for every request.
	Credentials Credentials

	// EnableChunked streams the body instead of buffering it (Taro's
	// enableChunked): Request returns once the headers and the first bytes
	// have arrived, with Response.Body to read (or Response.Chunks) and
	// close; a Task hands each chunk to its OnChunkReceived listeners. The
	// body is not bounded by the client's response size and is never held
	// whole. Timeout becomes, once the headers arrived, the longest wait for
	// more of the body. DataCheck, UseStore and JSONP need the whole body
	// and are refused with it before any I/O; the HTTP cache is bypassed
	// (Cache "" means "no-store"). See stream.go.
	EnableChunked bool
	// headersTimeoutOnly is set by Events for its default Timeout: the
	// timeout bounds the wait for the headers, not the silence between
	// events (Settings.HeadersTimeoutOnly).
	headersTimeoutOnly bool
	// fileCtx is the call's ctx, under which the multipart encoder reads
	// the Files' readers (see multipartfiles.go); nil: as they are.
	fileCtx context.Context
	// cacheFilled is the Cache withDefaults put where the caller set none,
	// for the interceptors to see: a mode the caller did not choose sends
	// none of fetch's header fields (cacheModeHeaders).
	cacheFilled Cache

	// Success is called with the response when the request succeeds.
	Success func(*Response)
	// Fail is called when the request fails; resp carries ErrMsg.
	Fail func(resp *Response, err error)
	// Complete is called after Success or Fail.
	Complete func(resp *Response, err error)
}

// NoRetry as RetryTimes turns retries off.
const NoRetry = -1

// The defaults of Timeout and RetryTimes are timeout.DefaultTimeout and
// retry.DefaultRetryTimes (2s and 2: the spec's, from Taro's JSONP path,
// jsonp-retry; Taro H5's fetch path waits 60s and does not retry).

// The option enums (DataType, ResponseType, Mode, Credentials, Cache) are
// aliases of string with constants: a misspelt constant does not compile,
// an unknown value is ErrInvalidOption before any I/O, and code that holds
// the values in strings (a Taro port, a config file) assigns them as they
// are.

// DataType says what becomes of a response body. The zero value is
// DataTypeJSON. As in Taro, any other value than "json" leaves the body
// unparsed.
type DataType = string

// DataType values.
const (
	DataTypeJSON DataType = "json" // parse the body as JSON into Response.Data
	DataTypeText DataType = "text" // leave it unparsed (as any value but "json" does)
)

// ResponseType is how an unparsed body is handed back. The zero value is
// ResponseTypeText; any other value is an error before any I/O.
type ResponseType = string

// ResponseType values.
const (
	ResponseTypeText        ResponseType = "text"        // Data is the body as a string
	ResponseTypeArrayBuffer ResponseType = "arraybuffer" // Data is the body as []byte, never parsed
)

// Mode is fetch's request mode. The zero value is ModeSameOrigin; any
// other value is an error before any I/O.
type Mode = string

// Mode values.
const (
	ModeSameOrigin Mode = "same-origin" // other origins than the base URL's are refused
	ModeCORS       Mode = "cors"        // other origins are allowed, with an Origin header
	ModeNoCORS     Mode = "no-cors"     // simple requests only; an opaque result
)

// Credentials is fetch's credentials mode: when the cookie jar is used. The
// zero value is CredentialsOmit; any other value is an error before any
// I/O.
type Credentials = string

// Credentials values.
const (
	CredentialsOmit       Credentials = "omit"        // the jar is neither read nor written
	CredentialsSameOrigin Credentials = "same-origin" // the jar, for the client's origin only
	CredentialsInclude    Credentials = "include"     // the jar, always
)

// Cache is fetch's cache mode for the client's HTTP cache (WithHTTPCache).
// The zero value is CacheDefault; any other value is an error before any
// I/O.
type Cache = string

// Cache values.
const (
	CacheDefault      Cache = "default"        // fresh entries answer; stale ones are revalidated
	CacheNoStore      Cache = "no-store"       // neither read nor written
	CacheReload       Cache = "reload"         // not read, written
	CacheNoCache      Cache = "no-cache"       // always revalidated
	CacheForceCache   Cache = "force-cache"    // any entry, even stale, else the network
	CacheOnlyIfCached Cache = "only-if-cached" // any entry, else httpcache.ErrNotCached, no I/O
)

// methods are the ones Taro.request accepts, plus PATCH.
var methods = map[string]bool{
	http.MethodOptions: true, http.MethodGet: true, http.MethodHead: true,
	http.MethodPost: true, http.MethodPut: true, http.MethodDelete: true,
	http.MethodTrace: true, http.MethodConnect: true, http.MethodPatch: true,
}

// Proceed sends opt on down the interceptor chain; the last one sends it to
// the network. It may be called zero, one or several times, also from
// several goroutines at once (a hedged request): each call is a request of
// its own, with its own answer.
type Proceed func(ctx context.Context, opt Option) (*Response, error)

// Interceptor sees every request of a client (Taro's addInterceptor). It may
// change the Option, call proceed zero or more times, or answer by itself.
// Interceptors run in the order they were added; the first is the
// outermost. The Option's callbacks run once, after the whole chain.
// Requests run it at once: it must be safe for concurrent use.
type Interceptor func(ctx context.Context, opt Option, proceed Proceed) (*Response, error)
