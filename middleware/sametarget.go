package middleware

import (
	"net/http"
	"net/url"
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

// Sending is what a store or an HTTP cache keyed of a plain request's
// method and body: a layer below that sends another method, or a body
// where there was none (each user's token put in a JSON-RPC call's body, a
// GET turned into a POST search), sends another request than the one they
// keyed, whose key counts no body (a plain GET's or HEAD's), and the answer
// is not the key's. It is a copy: a layer that changes the request in
// place does not change it.
type Sending struct {
	method string
	body   bool
}

// SendingOf is req's Sending, as it is now.
func SendingOf(req *http.Request) Sending {
	return Sending{method: methodOf(req), body: hasBody(req)}
}

// Other reports whether sent, the request an answer came to (its Request:
// as the layers below sent it), went out with another method than s or a
// body where s had none.
func (s Sending) Other(sent *http.Request) bool {
	return sent != nil && s.method != "" && (methodOf(sent) != s.method || hasBody(sent) && !s.body)
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
