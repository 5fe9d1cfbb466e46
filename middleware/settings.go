package middleware

import (
	"net/http"
	"net/url"
	"time"
)

// Settings are one request's values for the layers: the client resolves an
// Option's fields into them, defaults applied, before the request enters the
// stack. A layer that finds no Settings in the context (it runs inside a plain
// http.Client) uses the defaults it was built with instead.
//
// Settings are read-only once the request enters the stack: layers read
// them from several goroutines without a lock, so none may write them
// (concurrent reads are safe, a write is a race). The zero value is a request
// with no per-attempt deadline, no retry, no backup, no store and no check
// (see each field).
type Settings struct {
	// Timeout bounds each attempt, body read included. Zero means no
	// per-attempt deadline.
	Timeout time.Duration
	// RetryTimes is the number of retries after the first attempt. The budget
	// is shared by the primary URL and its backups unless RetryPerURL is set.
	// Zero means none, not the default: a client has resolved the 0 of
	// Option.RetryTimes (its default, 2) by the time it fills Settings.
	RetryTimes int
	// RetryPerURL gives every URL (primary and each backup) its own budget.
	RetryPerURL bool
	// Idempotent marks a POST, PATCH or CONNECT as safe to retry after it may
	// have reached the server.
	Idempotent bool
	// UseStore lets the store layer answer from, and write to, its store
	// (under StoreKey, below). (The flags from RetryPerURL to StoreOnceDecoded
	// are together: the Call that carries the Settings stays in its size
	// class.)
	UseStore bool
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
	// HeadersTimeoutOnly makes Timeout, for a Streaming call, bound the
	// wait for the headers only: once they arrived the body may be silent
	// for as long as it likes (an event stream between events; the caller's
	// ctx still ends it).
	HeadersTimeoutOnly bool
	// OneShotBody says that the call's first request has a body that
	// cannot be sent again (no GetBody): http.Client then follows no 307
	// or 308 of the call (see Redirected).
	OneShotBody bool
	// StoreOnceDecoded says that the client decodes the answer after the
	// stack (a typed call, Do, without a DataCheck): the store layer holds
	// the write of an answer (Call.SetPendingStore) until the client has
	// decoded it (Call.StorePending). A body that does not decode fails the
	// call; written, it would replace a good entry, and the stale fallback
	// would fail with it.
	StoreOnceDecoded bool
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
	// The store layer's data (a hit, the fallback) comes with a Request whose
	// context StoredData reports.
	DataCheck func(resp *http.Response, body []byte) (ok bool, decoded any)
	// StoreKey identifies the request in the store: method, the original URL
	// with its query data, and a hash of the body for methods with one.
	StoreKey string
	// StoreHeader is the request header whose credentials StoreKey's
	// partition was made from (the client's built header). When a layer
	// above the store (WithOuterLayers) has changed a credential header
	// since, the store layer adds the partition of the headers it sees to
	// the key, so the new credentials never read the old ones' entry. Nil
	// means the key is taken as it is.
	StoreHeader http.Header
	// StoreURLText is the request's URL as text (url.URL.String) when
	// StoreKey was made (a redirect hop's is Call.HopURL). When the request
	// reaching the store goes elsewhere (a layer above put a caller's token
	// in the query, in place or not, or set another Host), the store layer
	// adds a hash of what changed to the key, so a URL made per caller never
	// reads another caller's entry. "" means the key is taken as it is.
	StoreURLText string
	// StorePartition is the credential partition StoreKey was made with
	// (what Partition returned before the request went out). A response is
	// written only if Partition still says so once it is back: a cookie the
	// jar took on the way (a login redirect, a retry) makes it another
	// user's answer, never the key's.
	StorePartition string
	// StoreCheck decides whether stored data may answer without the
	// network. When it is nil, StoreCheckKey and StoreSign are Taro's
	// default check (store.SignCheck), which the layer runs on the stored
	// body before it copies anything; with either empty, stored data never
	// answers.
	StoreCheck    func(stored *http.Response, body []byte) bool
	StoreCheckKey string // the stored JSON field that holds the version; see StoreCheck
	StoreSign     string // the version accepted; see StoreCheck
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
	// JarCookies returns the cookies the client's cookie layer, below every
	// default layer, will add to a request to u under Credentials mode
	// mode. The HTTP cache adds them to a Cookie that a response's Vary
	// names, so that Vary: Cookie tells users apart whose cookies come from
	// the jar. Nil means none will be added.
	JarCookies func(mode string, u *url.URL) []*http.Cookie
	// URL and URLText are the request's URL as the client built it and its
	// text (not redacted), so a layer that needs the text of that URL does
	// not format it again (Call.RedactedURL). Nil and "": unknown.
	URL     *url.URL
	URLText string // URL's text; "": unknown
	// URLRedacted, when not "", is URLText redacted as Call.RedactedURL
	// would: a client that remembers it spares every store write the
	// redaction. A layer that changes URL or URLText sets it to "" too.
	URLRedacted string
	// MaxBodyBytes bounds how much of a response body a layer may buffer.
	// Zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
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
