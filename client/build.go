package client

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// parseAbsolute parses an absolute http(s) URL.
func parseAbsolute(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalidURL, credential.Error(err))
	}
	return checkAbsolute(u, raw)
}

// checkAbsolute accepts u only as an http(s) URL with a host.
func checkAbsolute(u *url.URL, raw string) (*url.URL, error) {
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: %q: scheme must be http or https", ErrInvalidURL, credential.String(raw))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%w: %q: no host", ErrInvalidURL, credential.String(raw))
	}
	if p := u.Port(); p != "" {
		// url.Parse checks the digits, not the range (WHATWG's parser
		// fails past 65535): refused here, before any I/O, rather than
		// retried as a dial error.
		if n, err := strconv.ParseUint(p, 10, 16); err != nil || n > 65535 {
			return nil, fmt.Errorf("%w: %q: port out of range", ErrInvalidURL, credential.String(raw))
		}
	}
	u.RawQuery = escapeQuery(u.RawQuery) // as a browser sends it
	return u, nil
}

// resolveText is resolve with the URL's text, both remembered by the
// client's URL cache; the *url.URL is the caller's to change: dst, filled
// in, when the cache has raw (a copy without an allocation of its own), or
// a new one.
func (c *Client) resolveText(raw string, dst *url.URL) (*url.URL, string, error) {
	if text, ok := c.urls.get(raw, dst); ok {
		return dst, text, nil
	}
	u, err := c.resolve(raw)
	if err != nil {
		return nil, "", err
	}
	return u, c.urls.put(raw, u), nil
}

// resolveShared is resolveText for a URL that is only read (a backup's, to
// check its origin): on a hit it is the cache's own, not a copy.
func (c *Client) resolveShared(raw string) (*url.URL, string, error) {
	if u, text, ok := c.urls.peek(raw); ok {
		return u, text, nil
	}
	return c.resolveText(raw, new(url.URL))
}

// resolve turns an Option URL into an absolute one.
func (c *Client) resolve(raw string) (*url.URL, error) {
	if raw = CleanURL(raw); raw == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidURL)
	}
	if c.baseErr != nil {
		return nil, c.baseErr
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalidURL, credential.Error(err))
	}
	if u.IsAbs() {
		return checkAbsolute(u, raw)
	}
	if c.base == nil {
		return nil, fmt.Errorf("%w: %q is relative and the client has no base URL", ErrInvalidURL, credential.String(raw))
	}
	// Resolved, then parsed again from its text, so the URL is in the
	// same normal form as one given whole.
	return parseAbsolute(c.baseFor(u).ResolveReference(u).String())
}

// CleanURL returns raw as the client reads an Option URL, a base URL or a
// backup, taking the first steps of the URL parser of fetch (and so of
// Taro) that Go's url.Parse does not: leading and trailing C0 controls and
// spaces are trimmed, and ASCII tabs and newlines removed wherever they are
// (" /users\n" is /users, not /%20/users%0A or an error). The rest is RFC
// 3986's: a backslash is no slash, "%2e%2e" no dot segment.
func CleanURL(raw string) string {
	raw = strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(raw, "\t\n\r") {
		raw = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, raw)
	}
	return raw
}

// baseFor is the base URL that ref resolves against. A relative path
// ("users") goes under the base's path, as a directory whether or not it
// ends in '/': with base https://api.test/v1 it is /v1/users, where RFC 3986
// alone would drop v1, the usual surprise. An absolute path ("/users")
// starts at the origin, and a query or fragment alone keeps the base's path,
// as RFC 3986 has them.
func (c *Client) baseFor(ref *url.URL) *url.URL {
	if ref.Path == "" || strings.HasPrefix(ref.Path, "/") || strings.HasSuffix(c.base.Path, "/") {
		return c.base
	}
	dir := *c.base
	dir.Path += "/"
	if dir.RawPath != "" {
		dir.RawPath += "/"
	}
	return &dir
}

// method normalises and checks the Option's method.
func method(m string) (string, error) {
	if m == "" {
		return http.MethodGet, nil
	}
	switch m { // the usual spellings, without a map lookup
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead:
		return m, nil
	}
	up := strings.ToUpper(m)
	if !methods[up] {
		return "", fmt.Errorf("%w: %s (want OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT or PATCH)", ErrInvalidMethod, quotedMethod(m))
	}
	return up, nil
}

// MethodText is Option.Method as the client's errors name it, for a log
// or an interceptor to name it alike: GET for "", a method the client sends
// as it is written, any other quoted and cut to 64 bytes, so that a CR/LF in
// it starts no line where it is printed and a huge one does not fill it.
func MethodText(m string) string {
	if _, err := method(m); err == nil {
		if m == "" {
			return http.MethodGet
		}
		return m
	}
	return quotedMethod(m)
}

// quotedMethod is an unknown method as an error names it (see MethodText).
func quotedMethod(m string) string {
	if len(m) > 64 {
		return strconv.Quote(m[:64]) + "…"
	}
	return strconv.Quote(m)
}

// checkOption rejects enum values the spec does not know.
func checkOption(opt *Option) error {
	switch opt.ResponseType {
	case "", encoders.ResponseTypeText, encoders.ResponseTypeArrayBuffer:
	default:
		return fmt.Errorf("%w: ResponseType %q (want %q or %q)", ErrInvalidOption, opt.ResponseType,
			encoders.ResponseTypeText, encoders.ResponseTypeArrayBuffer)
	}
	switch opt.Cache {
	case "", "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached":
	default:
		return fmt.Errorf("%w: Cache %q (want default, no-store, reload, no-cache, force-cache or only-if-cached)", ErrInvalidOption, opt.Cache)
	}
	switch opt.Credentials {
	case "", CredentialsOmit, CredentialsSameOrigin, CredentialsInclude:
	default:
		return fmt.Errorf("%w: Credentials %q (want omit, same-origin or include)", ErrInvalidOption, opt.Credentials)
	}
	if opt.EnableChunked {
		return checkChunked(opt)
	}
	return nil
}

// header copies the caller's header, checks every name and value, and
// drops Referer. Names are case-insensitive: the values of two spellings of
// one name are all sent, in the byte order of the spellings ("X-TRACE",
// "X-Trace", "x-trace"), so the order never depends on the map's; but
// Content-Type has one value: the same one given twice is sent once, two
// different ones are an error.
func header(h http.Header) (http.Header, error) {
	if len(h) == 0 {
		return make(http.Header), nil // the layers below add to it
	}
	out := make(http.Header, len(h))
	merged := false
	for k, vs := range h {
		if !validHeaderName(k) {
			return nil, fmt.Errorf("%w: name %q", ErrInvalidHeader, k)
		}
		for _, v := range vs {
			if !validHeaderValue(v) {
				return nil, fmt.Errorf("%w: value of %q has a forbidden byte (CR, LF or other control)", ErrInvalidHeader, k)
			}
		}
		ck := http.CanonicalHeaderKey(k)
		if _, dup := out[ck]; dup {
			merged = true
		}
		out[ck] = append([]string(nil), vs...)
	}
	if merged {
		clear(out)
		for _, k := range slices.Sorted(maps.Keys(h)) {
			ck := http.CanonicalHeaderKey(k)
			out[ck] = append(out[ck], h[k]...)
		}
	}
	delete(out, "Referer") // the keys are canonical: no need for Del's canonicalisation
	// A browser picks the content coding itself and decodes the body (fetch
	// forbids the header): net/http does so only when the caller set none,
	// and hands back gzip bytes otherwise.
	if ae := out["Accept-Encoding"]; len(ae) != 1 || !strings.EqualFold(strings.TrimSpace(ae[0]), "identity") {
		delete(out, "Accept-Encoding") // identity alone is kept: the body comes as it is, resumable
	}
	if ct := out["Content-Type"]; len(ct) > 1 {
		// One field, one value (RFC 9110 §8.3): two would declare the
		// body two ways, one of them not how Data was encoded.
		if slices.ContainsFunc(ct[1:], func(v string) bool { return v != ct[0] }) {
			return nil, fmt.Errorf("%w: Content-Type given %d values (%q): it has one", ErrInvalidHeader, len(ct), ct)
		}
		out["Content-Type"] = ct[:1:1]
	}
	return out, nil
}

// built is an Option made into an *http.Request, plus what the layers need
// to know about it.
type built struct {
	// The request's parts; request makes it with its context.
	method        string
	reqURL        *url.URL // &urlValue, or a URL of its own
	urlValue      url.URL  // the request's URL, in the one allocation
	header        http.Header
	body          io.ReadCloser
	getBody       func() (io.ReadCloser, error)
	contentLength int64
	req           *http.Request // the request sent, once request has made it
	query         string        // the encoded query data (GET/HEAD), for backups
	// storeKey identifies the request in the store: the original URL with
	// its query data (no JSONP cache-buster) and the body's hash. "" when the
	// body is a stream that cannot be hashed.
	storeKey string
	backups  []string // absolute backup URLs
	decoder  decoder
	opaque   bool             // a no-cors response to another origin: hide it (see hidden)
	call     *middleware.Call // the call sent, once there is one
	url      string           // req.URL as text, formatted once
	// redactedURL is url redacted (credential.URLText), when the key memo
	// remembers it; "" when it is made where needed.
	redactedURL string
	partition   string // the credential partition storeKey was made with
	// encoded is the body Data made, nil for none: what a call that sends
	// it again (see readerBodies) needs.
	encoded *encoders.Body
}

// hidden reports whether the call's answer is opaque to the caller: a
// no-cors request to another origin, or one redirected to another origin
// on the way (fetch's response tainting).
func (b *built) hidden() bool {
	// Only a no-cors call is tainted: the others ask no lock.
	return b.opaque || b.call != nil && b.call.Settings.Mode == string(ModeNoCORS) && b.call.Tainted()
}

// request makes the request with its context: one allocation (the literal
// stays on the stack, WithContext copies it).
func (b *built) request(ctx context.Context) *http.Request {
	r := (&http.Request{
		Method:        b.method,
		URL:           b.reqURL,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        b.header,
		Host:          b.reqURL.Host,
		Body:          b.body,
		GetBody:       b.getBody,
		ContentLength: b.contentLength,
	}).WithContext(ctx)
	b.req = r
	return r
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

// queryInURL adds the query data to u, whose text is text, as buildQuery
// would but without formatting the URL and parsing it again: the URL's new
// text is made in one allocation, the query a part of it. It reports false,
// b.query set, when buildQuery must do it (a URL with a fragment, data that
// does not append as it is).
func (c *Client) queryInURL(opt *Option, b *built, m string, u *url.URL, text string, h http.Header) (bool, error) {
	var buf [512]byte
	dst, ok := queryPrefix(buf[:0], u, text)
	if !ok {
		var err error
		b.query, err = encoders.Query(opt.Data)
		return false, err
	}
	n := len(dst)
	dst, err := encoders.AppendQueryData(dst, opt.Data)
	if err != nil {
		return false, err
	}
	var full string
	if len(dst) > n {
		full = string(dst)
		if b.query = full[n:]; !queryInPlace(b.query) {
			return false, nil // buildQuery makes the URL, and its text
		}
	}
	b.url = text
	var part string
	if opt.UseStore {
		part = c.buildPartition(opt, u, h)
		b.partition = part
	}
	if full != "" {
		// The query is what follows the URL's first '?' (String escapes
		// any other before it).
		u.RawQuery, u.ForceQuery = full[strings.IndexByte(full, '?')+1:], false
		b.url = full
	}
	if opt.UseStore {
		b.storeKey, b.redactedURL = c.keys.key(m, u, b.url, part)
	}
	return true, nil
}

// buildQuery appends the query data, and JSONP's, to *u by formatting the
// URL and parsing it again; the store key has the data's query, not
// JSONP's.
func (c *Client) buildQuery(opt *Option, b *built, m string, u **url.URL, h http.Header) error {
	var err error
	b.query = escapeQuery(b.query) // string data as a browser sends it, to the backups too
	if opt.UseStore {
		b.partition = c.buildPartition(opt, *u, h)
		b.storeKey = store.Key(m, encoders.AppendQuery((*u).String(), b.query), nil, b.partition)
	}
	added := b.query // what the URL gets: the data's query, then JSONP's
	if opt.JSONP || opt.JSONPCallback != "" {
		added = c.jsonpQuery(opt, b, *u)
	}
	if added != "" {
		if *u, err = url.Parse(encoders.AppendQuery((*u).String(), added)); err != nil {
			return fmt.Errorf("%w: with query data: %s", ErrInvalidURL, credential.Error(err))
		}
	}
	return nil
}

// jsonpQuery names the callback and returns the query to append to u: the
// data's, then callback=<name> unless u or the data carry one (see
// jsonpquery.go), then the cache-buster. b.query becomes what a backup
// gets, whose own callback build drops: the data's other fields, then the
// call's callback and cache-buster.
func (c *Client) jsonpQuery(opt *Option, b *built, u *url.URL) string {
	name := opt.JSONPCallback
	if name == "" {
		name = encoders.JSONPCallbackName(c.now())
	}
	var inURL, inData string
	if u.RawQuery != "" {
		u.RawQuery, inURL = fillCallback(u.RawQuery, name) // the caller's URL is a copy
	}
	b.query, inData = fillCallback(b.query, name)
	b.decoder.jsonp = cmp.Or(inURL, inData, name)
	full := encoders.JSONPQuery(b.decoder.jsonp, opt.JSONPCache, c.now())
	jq := full
	if inURL != "" || inData != "" {
		jq = strings.TrimPrefix(full, encoders.JSONPParam+"="+encoders.EncodeURIComponent(b.decoder.jsonp))
	}
	added := joinQuery(b.query, jq)
	b.query = joinQuery(dropCallback(b.query), full)
	return added
}

// joinQuery joins two queries with '&', either maybe empty; b may start
// with its '&'. a is kept as it is (string data is sent as given).
func joinQuery(a, b string) string {
	b = strings.TrimPrefix(b, "&")
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "&" + b
}

// queryInPlace reports whether query can be appended to a parsed URL's
// RawQuery with the same result as url.Parse(encoders.AppendQuery(u.String(),
// query)): it does not start with '?' or '&' (which AppendQuery drops), and
// holds no '#' (which would start a fragment) and no control byte (which
// url.Parse refuses).
func queryInPlace(query string) bool {
	if query == "" {
		return true
	}
	if query[0] == '?' || query[0] == '&' {
		return false
	}
	for i := 0; i < len(query); i++ {
		if c := query[i]; c == '#' || escapedInQuery(c) {
			return false // buildQuery cuts the fragment, escapes the rest
		}
	}
	return true
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
		b.storeKey = store.Key(m, b.urlString(u), body.Bytes(), b.partition)
	}
	if md := mode(opt); b.storeKey != "" && md != ModeSameOrigin {
		// A redirect may have brought the answer from another origin: what
		// a cors call may read is no answer for a same-origin call (whose
		// redirect there fails) nor a no-cors one (for which it is opaque).
		b.storeKey += " mode=" + string(md)
	}
	b.url = b.urlString(u)
	if b.opaque, err = c.checkMode(opt, m, u, backupURLs, h); err != nil {
		return nil, err
	}
	if opt.Cache != opt.cacheFilled {
		cacheModeHeaders(opt.Cache, h)
	}
	b.method, b.reqURL, b.header = m, u, h
	if body != nil {
		b.encoded = body
		b.body, b.getBody, b.contentLength = body.Reader(), body.GetBody(), body.Len()
		if b.contentLength == 0 {
			b.body, b.getBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
		}
	}
	return b, nil
}
