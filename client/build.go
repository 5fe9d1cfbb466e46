package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/optiontext"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// built is an Option made into an *http.Request, plus what the layers need
// to know about it.
type built struct {
	// parts is the request without its context: build fills its Method,
	// URL (&urlValue, or a URL of its own), Header, Body, GetBody and
	// ContentLength; request makes it the request sent, in place.
	parts    http.Request
	urlValue url.URL       // the request's URL, in the one allocation
	req      *http.Request // the request sent (&parts), once request has made it
	query    string        // the encoded query data (GET/HEAD), for backups
	// storeKey identifies the request in the store: the original URL with
	// its query data (no JSONP cache-buster) and the body's hash. "" when the
	// body is a stream that cannot be hashed.
	storeKey string
	backups  []string // absolute backup URLs
	decoder  decoder
	opaque   bool             // a no-cors response to another origin: hide it (see hidden)
	script   bool             // a no-cors JSONP answer of another origin: its payload alone (see scriptOnly)
	call     *middleware.Call // the call sent, once there is one
	url      string           // req.URL as text, formatted once
	// redactedURL is url redacted (credential.URLText), when the key memo
	// remembers it; "" when it is made where needed.
	redactedURL string
	partition   string // the credential partition storeKey was made with
	// encoded is the body Data made, nil for none: what a call that sends
	// it again (see readerBodies) needs.
	encoded *encoders.Body
	// room is the call's Call and its context, in the built's allocation:
	// they live as long (the Call's Settings point into the built, its
	// URL, its checks). The two fit the 1024-byte size class, where apart
	// they take 448 and 576 bytes; with the request (parts) too, 1280 where
	// apart the three took 1344 (see TestBuiltFitsItsSizeClass).
	room middleware.CallRoom
}

// hidden reports whether the call's answer is opaque to the caller: a
// no-cors request to another origin, or one redirected to another origin
// on the way (fetch's response tainting). A JSONP call's is not hidden but
// scriptOnly.
func (b *built) hidden() bool {
	// Only a no-cors call is tainted: the others ask no lock.
	return b.opaque || b.decoder.jsonp == "" && b.call != nil && b.call.Settings.Mode == string(ModeNoCORS) && b.call.Tainted()
}

// hiddenFor is hidden for hr, the answer the call got: one that a backup
// answered itself, sent to the client's origin outside a redirect chain
// (middleware.WithoutRedirectChain), is a fetch of its own, which neither
// a primary of another origin nor a chain's going to one taints, as they
// do not a new fetch's.
func (b *built) hiddenFor(hr *http.Response) bool {
	if !b.hidden() {
		return false
	}
	if b.call == nil {
		return true
	}
	// Back from the answering request through the redirects before it: a
	// backup's fetch that stayed on the client's origin is readable, a
	// redirect of its own origin's included, as fetch's same-origin one.
	// At most 100 steps: a transport that hands back one *http.Response
	// for two hops links them in a cycle.
	for n, r := 0, hr.Request; n < 100 && r != nil && r.URL != nil && sameOrigin(b.call.Settings.Origin, r.URL); n, r = n+1, r.Response.Request {
		if middleware.OutsideRedirectChain(r.Context()) {
			return false
		}
		if r.Response == nil {
			break
		}
	}
	return true
}

// scriptOnly reports whether the call is a JSONP one whose answer a no-cors
// <script> load brings from another origin (or a redirect took there): the
// script runs and hands its payload to the callback, as Taro's jsonp-retry
// reads it whatever the mode, and that is all a page learns of it: not its
// status, headers or URL, nor why it failed (the script's error event).
func (b *built) scriptOnly() bool {
	return b.script || b.decoder.jsonp != "" && b.call != nil && b.call.Settings.Mode == string(ModeNoCORS) && b.call.Tainted()
}

// sealed reports whether what answered the call, but a JSONP payload, is
// opaque to its caller: hidden or scriptOnly.
func (b *built) sealed() bool { return b.hidden() || b.scriptOnly() }

// request makes the request with its context, in b: no allocation (the
// copy WithContext makes stays on the stack, as it is inlined). It is
// called once, before the request is sent: nobody holds parts yet.
func (b *built) request(ctx context.Context) *http.Request {
	p := &b.parts
	p.Proto, p.ProtoMajor, p.ProtoMinor, p.Host = "HTTP/1.1", 1, 1, p.URL.Host
	b.parts = *p.WithContext(ctx)
	b.req = p
	return p
}

// urlString is u as text: b.url once build has set it.
func (b *built) urlString(u *url.URL) string {
	if b.url == "" {
		b.url = u.String()
	}
	return b.url
}

// answered is the text of u, the URL of a request that got a response: the
// built URL's text when it is that URL (the primary, cloned by a layer),
// without formatting it again.
func (b *built) answered(u *url.URL) string {
	if b != nil && b.req != nil && b.url != "" && sameURL(u, b.req.URL) {
		return b.url
	}
	return u.String()
}

// sameURL reports whether a and b are the same URL, field by field (a
// clone's Userinfo is a copy).
func sameURL(a, b *url.URL) bool {
	if a == b {
		return true
	}
	if (a.User == nil) != (b.User == nil) || a.User != nil && *a.User != *b.User {
		return false
	}
	x, y := *a, *b
	x.User, y.User = nil, nil
	return x == y
}

// cacheModeHeaders adds the request header fields fetch adds for a cache
// mode (Fetch, HTTP-network-or-cache fetch), unless the caller set them:
// reload and no-store send Cache-Control: no-cache and Pragma: no-cache,
// no-cache sends Cache-Control: max-age=0, so that the caches on the way (a
// CDN, a proxy) are bypassed or revalidate too. They come after the mode's
// checks: they are the browser's, not the caller's (no-cors allows them).
func cacheModeHeaders(mode Cache, h http.Header) {
	switch mode {
	case CacheReload, CacheNoStore:
		if _, ok := h["Pragma"]; !ok {
			h["Pragma"] = []string{"no-cache"}
		}
		if _, ok := h["Cache-Control"]; !ok {
			h["Cache-Control"] = []string{"no-cache"}
		}
	case CacheNoCache:
		if _, ok := h["Cache-Control"]; !ok {
			h["Cache-Control"] = []string{"max-age=0"}
		}
	}
}

// build validates opt and makes the request; nothing is sent.
func (c *Client) build(opt *Option) (*built, error) {
	m, err := method(opt.Method)
	if err != nil {
		return nil, err
	}
	if err := checkOption(opt); err != nil {
		return nil, err
	}
	if opt.Cache == "only-if-cached" && c.noHTTPCache {
		return nil, &middleware.NotCachedError{Detail: "the client has no HTTP cache (see WithHTTPCache)"}
	}
	b := &built{decoder: decoder{dataType: string(opt.DataType), responseType: string(opt.ResponseType)}}
	u, text, err := c.resolveText(opt.URL, &b.urlValue)
	if err != nil {
		return nil, err
	}
	h, err := header(opt.Header)
	if err != nil {
		return nil, err
	}
	if _, ok := h["Proxy-Authorization"]; ok && u.Scheme == "https" {
		// Through a proxy, net/http writes an https request's header inside
		// the TLS tunnel: the proxy's credential would reach the origin.
		return nil, fmt.Errorf("%w: Proxy-Authorization on an https request goes to the origin, not the proxy "+
			"(give a proxy's credentials in its URL or in http.Transport.ProxyConnectHeader)", ErrInvalidHeader)
	} else if ok && !viaProxy(c.transport, u) {
		// Sent direct (no proxy, NO_PROXY, a loopback host), the header
		// goes to the origin: so would the proxy's credential.
		return nil, fmt.Errorf("%w: Proxy-Authorization on a request the transport sends to no proxy goes to the origin "+
			"(give a proxy's credentials in its URL or in http.Transport.ProxyConnectHeader)", ErrInvalidHeader)
	}
	if b.decoder.dataType == "" {
		b.decoder.dataType = string(DataTypeJSON)
	}
	if opt.JSONP || opt.JSONPCallback != "" {
		// A JSONP payload is JSON whatever DataType and ResponseType say:
		// jsonp-retry, Taro's JSONP path, reads neither.
		b.decoder.dataType, b.decoder.responseType = string(DataTypeJSON), string(ResponseTypeText)
	}
	var backupURLs []*url.URL // read only
	// The backups' texts are the caller's own strings while each is the
	// absolute URL it resolves to (the usual case: no copy); a copy from
	// the first that is not.
	b.backups = opt.Backup
	copied := false
	for i, raw := range opt.Backup {
		bu, butext, err := c.resolveShared(raw)
		if err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		if opt.JSONP || opt.JSONPCallback != "" {
			butext = withoutCallback(butext)
		}
		if !copied && butext != raw {
			b.backups, copied = append(make([]string, 0, len(opt.Backup)), opt.Backup[:i]...), true
		}
		if copied {
			b.backups = append(b.backups, butext)
		}
		backupURLs = append(backupURLs, bu)
	}
	var body *encoders.Body
	if (opt.JSONP || opt.JSONPCallback != "") && m != http.MethodGet {
		// A script is loaded with a GET: a HEAD would bring no body to run.
		return nil, fmt.Errorf("%w: JSONP needs method GET, not %s", ErrInvalidOption, m)
	}
	if m == http.MethodGet || m == http.MethodHead {
		inURL := false
		if jsonp := opt.JSONP || opt.JSONPCallback != ""; !jsonp {
			if inURL, err = c.queryInURL(opt, b, m, u, text, h); err != nil {
				return nil, err
			}
		} else if b.query, err = encoders.Query(opt.Data); err != nil {
			return nil, err
		}
		if !inURL {
			if err = c.buildQuery(opt, b, m, &u, h); err != nil {
				return nil, err
			}
		}
	} else if b.url = text; opt.Data != nil { // the URL stays as resolved
		var read encoders.FileReader
		if opt.fileCtx != nil && isMultipart(h.Get("Content-Type")) {
			read = fileReader(opt)
		}
		if body, err = c.encoders.EncodeBodyReading(opt.Data, h.Get("Content-Type"), c.bufferBound(), read); err != nil {
			return nil, err
		}
		if body != nil && !validHeaderValue(body.ContentType) {
			// An encoder's own type (WithEncoder), checked as the
			// caller's header is: net/http would refuse it on every
			// attempt, with a text that does not say whose it was.
			return nil, fmt.Errorf("%w: the encoder for %s gave Content-Type %s, which has a forbidden byte (CR, LF or other control)",
				ErrInvalidHeader, optiontext.ContentType(h.Get("Content-Type")), optiontext.ContentType(body.ContentType))
		}
		switch {
		case body == nil:
			// A nil map, slice or pointer in Data is no body, as nil is.
		case h.Get("Content-Type") == "":
			ct := body.ContentType
			if ct == "" {
				ct = "application/json"
			}
			if mode(opt) == ModeNoCORS && !safelisted("Content-Type", []string{ct}) {
				// fetch drops a type no-cors does not allow and labels
				// the string body text/plain: the caller set none to refuse.
				ct = "text/plain;charset=UTF-8"
			}
			h.Set("Content-Type", ct)
		case body.ContentType != "":
			h.Set("Content-Type", body.ContentType)
		}
	}
	switch {
	case !opt.UseStore || b.storeKey != "":
	case body == nil:
		b.partition = c.buildPartition(opt, u, h)
		b.storeKey, b.redactedURL = c.keys.key(m, u, b.urlString(u), b.partition)
	case body.Replayable():
		b.partition = c.buildPartition(opt, u, h)
		ct := h.Get("Content-Type")
		// And its type: the same bytes as JSON and as text/plain, or in
		// two charsets (or as the parts of a multipart body keyed without
		// its boundary), are two requests, which the origin may answer two
		// ways. Escaped: a Content-Type that does not parse is kept as it
		// is, and must not spell the suffixes below (" mode=cors").
		b.storeKey = store.Key(m, b.urlString(u), storeKeyBody(body.Bytes(), ct), b.partition) + " type=" +
			url.QueryEscape(storeKeyType(ct))
	}
	if md := mode(opt); b.storeKey != "" && md != ModeSameOrigin {
		// A redirect may have brought the answer from another origin: what
		// a cors call may read is no answer for a same-origin call (whose
		// redirect there fails) nor a no-cors one (for which it is opaque).
		b.storeKey += " mode=" + string(md)
	}
	if b.storeKey != "" && (opt.JSONP || opt.JSONPCallback != "") {
		// Its entry holds the unwrapped payload, not what the origin
		// sends to the URL without the callback, which keys it.
		b.storeKey += " jsonp"
	}
	b.url = b.urlString(u)
	if b.opaque, err = c.checkMode(opt, m, u, backupURLs, h); err != nil {
		return nil, err
	}
	if b.opaque && (opt.JSONP || opt.JSONPCallback != "") {
		b.opaque, b.script = false, true
	}
	if opt.Cache != opt.cacheFilled {
		cacheModeHeaders(opt.Cache, h)
	}
	p := &b.parts
	p.Method, p.URL, p.Header = m, u, h
	if body != nil {
		b.encoded = body
		p.Body, p.GetBody, p.ContentLength = body.Reader(), body.GetBody(), body.Len()
		if p.ContentLength == 0 {
			p.Body, p.GetBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
		}
	}
	return b, nil
}
