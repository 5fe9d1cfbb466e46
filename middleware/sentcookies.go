package middleware

import (
	"context"
	"net/http"
)

type sentCookiesKey struct{}

type sentCookies struct {
	req     *http.Request // the request they were sent with, and no other
	cookies []*http.Cookie
}

// WithSentCookies returns req, in a shallow copy, recording cookies as the
// ones a client's cookie jar attached to it as it went out (none, when the
// jar had none for it). A client's cookie layer records them on the request
// it sends, which the answer's Request is, and the store and the HTTP cache
// layers on a request they ask the client's credential partition of: the
// jar may have changed session while the request was under way, and changed
// back since (another goroutine's login), so that the cookies it holds now
// are not the ones the answer was made for. The record belongs to the
// returned request alone: another request made from it, or sharing its
// context (a call made inside a layer), does not carry it.
func WithSentCookies(req *http.Request, cookies []*http.Cookie) *http.Request {
	s := &sentCookies{cookies: cookies}
	r := req.WithContext(context.WithValue(req.Context(), sentCookiesKey{}, s))
	s.req = r
	return r
}

// SentCookies returns the cookies WithSentCookies recorded on req, and
// whether it recorded any (false for a request whose jar was not used, or
// was not a client's).
func SentCookies(req *http.Request) ([]*http.Cookie, bool) {
	if req == nil {
		return nil, false
	}
	s, _ := req.Context().Value(sentCookiesKey{}).(*sentCookies)
	if s == nil || s.req != req {
		return nil, false
	}
	return s.cookies, true
}
