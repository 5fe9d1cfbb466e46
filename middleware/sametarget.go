package middleware

import (
	"net/http"
	"net/url"
	"strings"
)

// SameTarget reports whether a and b ask for one thing of one server:
// scheme, userinfo, host, path and query alike (the fragment, never sent,
// aside). A layer below a store or an HTTP cache that changed the URL of a
// request (put a user's token in its query, a user's id in its path) sent
// another request than the one they keyed: its answer is not the key's.
func SameTarget(a, b *url.URL) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	return a.Scheme == b.Scheme && a.Opaque == b.Opaque && a.Host == b.Host && a.Path == b.Path &&
		a.RawPath == b.RawPath && a.RawQuery == b.RawQuery && a.ForceQuery == b.ForceQuery &&
		(a.User == nil) == (b.User == nil) && (a.User == nil || *a.User == *b.User)
}

// SentHost is the host req goes to, as NormalHost spells it: its Host
// field, which net/http sends, else its URL's. A layer below a store or an
// HTTP cache that set another (each user's virtual host) sent another
// request than the one they keyed, its URL alike.
func SentHost(req *http.Request) string {
	host, scheme := req.Host, ""
	if req.URL != nil {
		scheme = req.URL.Scheme
		if host == "" {
			host = req.URL.Host
		}
	}
	return NormalHost(host, scheme)
}

// Sending is what a store or an HTTP cache keyed of a plain request (and
// what the client's watch around its inner layers saw above them): its
// URL, the Host it goes to, its method and whether it has a body. A layer
// below that sends it to another URL or Host (a user's token put in its
// query, each user's virtual host), with another method or with a body
// where there was none (a token put in a JSON-RPC call's body, a GET
// turned into a POST search) sends another request than the one keyed,
// and its answer is not the key's. It is a copy: a layer that changes the
// request in place does not change it. Its methods only read it: a Sending
// is safe to share between goroutines.
type Sending struct {
	url    url.URL
	host   string
	method string
	body   bool
	// trailer: it had trailers. A layer below that adds them (a user's
	// token sent after a streamed body) sends another request.
	trailer bool
}

// SendingOf is req's Sending, as it is now.
func SendingOf(req *http.Request) Sending {
	s := Sending{host: SentHostSpelling(req), method: methodOf(req), body: hasBody(req), trailer: len(req.Trailer) > 0}
	if req.URL != nil {
		s.url = *req.URL
	}
	return s
}

// Other reports whether sent, the request an answer came to (its Request:
// as the layers below sent it), went to another URL or Host than s, with
// another method, or with a body or trailers where s had none.
func (s Sending) Other(sent *http.Request) bool {
	return s.OtherShape(sent) || sent != nil && sent.URL != nil && !s.SameTarget(sent)
}

// OtherShape is Other without the target: another method, or a body or
// trailers where s had none (a backup's request goes to another URL by design).
func (s Sending) OtherShape(sent *http.Request) bool {
	return sent != nil && s.method != "" && (methodOf(sent) != s.method || hasBody(sent) && !s.body || len(sent.Trailer) > 0 && !s.trailer)
}

// SameTarget reports whether sent goes to s's URL (SameTarget) and Host.
func (s Sending) SameTarget(sent *http.Request) bool {
	return SameTarget(&s.url, sent.URL) && SentHostSpelling(sent) == s.host
}

// SentHostSpelling is the host req names to the origin (its Host field,
// else its URL's) spelled as it is sent but for the scheme's default port.
// RFC 9110 makes "ALICE.example" and "alice.example." alice.example (see
// SentHost), but a backend that routes by Host may not (Go's ServeMux
// sends them to its catch-all): a layer below that respells the Host sends
// another request than the one keyed.
func SentHostSpelling(req *http.Request) string {
	host, scheme := req.Host, ""
	if req.URL != nil {
		scheme = req.URL.Scheme
		if host == "" {
			host = req.URL.Host
		}
	}
	i := strings.LastIndexByte(host, ':')
	if i < 0 {
		return host
	}
	// By hand, not net.SplitHostPort: its error for a host without a port
	// is an allocation on every request.
	name, port := host[:i], host[i+1:]
	if !(port == "80" && strings.EqualFold(scheme, "http") || port == "443" && strings.EqualFold(scheme, "https")) {
		return host
	}
	if bracketed := strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]"); !bracketed && strings.ContainsAny(name, ":[]") ||
		bracketed && strings.ContainsAny(name[1:len(name)-1], "[]") {
		return host // no host:port (an IPv6 literal without brackets)
	}
	return name
}

func methodOf(r *http.Request) string {
	if r.Method == "" {
		return http.MethodGet
	}
	return r.Method
}

// hasBody reports whether r goes out with a body.
func hasBody(r *http.Request) bool {
	return r.ContentLength != 0 || r.Body != nil && r.Body != http.NoBody
}
