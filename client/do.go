package client

import (
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// do sends req through the stack as http.Client.Do would, redirects
// included. Most requests are not redirected: they go straight to the
// stack, without http.Client's per-request header copier, request list and
// URL clone. A redirect is followed by an http.Client whose transport hands
// back the response already received for the first hop, so every redirect
// rule (method, body, headers, CheckRedirect) is net/http's own. A first
// hop's error is the stack's as it is; a later hop's comes in
// http.Client's *url.Error (failURL takes the cause out of either).
func (c *Client) do(req *http.Request) (*http.Response, error) {
	resp, err := sendOnce(c.stack, req)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return resp, nil
	}
	if ru := resp.Request; ru != nil && ru.URL != nil && ru.URL != req.URL && *ru.URL != *req.URL {
		// Another URL answered (a backup): its Location is relative to that
		// URL, not to the first request's, which http.Client would take.
		if loc := resp.Header.Get("Location"); loc != "" {
			if u, err := ru.URL.Parse(loc); err == nil {
				resp.Header.Set("Location", u.String())
			}
		}
	}
	keepMethod(req, resp)
	f := &firstHop{resp: resp, next: c.stack}
	hc := &http.Client{Transport: f, CheckRedirect: c.checkRedirect}
	resp, err = hc.Do(req)
	if err != nil && f.err == nil {
		// http.Client's own failure, not a hop's (a hop that fails ends
		// the chain at once, f.err set): a redirect refused (too many,
		// another origin) or a Location that does not parse.
		if resp != nil {
			resp.Body.Close() // closed already, as http.Client documents
		}
		return nil, &redirectError{err}
	}
	return resp, err
}

// redirectError is a redirect that failed in http.Client itself: a
// browser's network error, which shows no response.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// firstHop answers its first round trip with the response already received
// for it, and sends every later one through next, keeping the last error
// next returned (to tell a hop's failure from http.Client's own).
type firstHop struct {
	resp *http.Response
	next http.RoundTripper
	err  error
}

func (f *firstHop) RoundTrip(req *http.Request) (*http.Response, error) {
	if resp := f.resp; resp != nil {
		f.resp = nil
		return resp, nil
	}
	// The hop as the redirect policy made it, before any layer: the store
	// keys it apart if a layer above changes its URL (Call.SetHopURL). A
	// call the store does not see keeps no copy.
	if call := middleware.CallFrom(req.Context()); call != nil && call.Settings.UseStore {
		call.SetHopURL(req.URL)
	}
	resp, err := f.next.RoundTrip(req)
	f.err = err
	if err == nil {
		keepMethod(req, resp)
	}
	return resp, err
}

// keepMethod makes a 301 or 302 to a PUT, DELETE, PATCH or any method but
// GET, HEAD and POST a 307 for http.Client, which then keeps the method and
// the body: fetch turns only a POST into a GET after a 301 or 302 (and any
// method after a 303), where net/http turns every method but HEAD. A body
// that cannot be sent again (no GetBody) is left to net/http's rule.
func keepMethod(req *http.Request, resp *http.Response) {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodPost, "":
		return
	}
	if resp.StatusCode != http.StatusMovedPermanently && resp.StatusCode != http.StatusFound ||
		resp.Header.Get("Location") == "" || req.GetBody == nil && req.Body != nil && req.Body != http.NoBody {
		return
	}
	resp.StatusCode, resp.Status = http.StatusTemporaryRedirect, "307 Temporary Redirect"
}

// sendOnce is net/http's send for a client without a Timeout: userinfo
// becomes Basic authorization, and a RoundTripper that breaks its contract
// gets net/http's answers.
func sendOnce(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	if u := req.URL.User; u != nil && req.Header.Get("Authorization") == "" {
		password, _ := u.Password()
		r := new(http.Request)
		*r = *req
		r.Header = req.Header.Clone()
		if r.Header == nil {
			r.Header = make(http.Header)
		}
		r.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+password)))
		req = r
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		if tlsErr, ok := err.(tls.RecordHeaderError); ok && string(tlsErr.RecordHeader[:]) == "HTTP/" {
			err = http.ErrSchemeMismatch
		}
		return nil, err
	}
	if resp == nil {
		return nil, fmt.Errorf("http: RoundTripper implementation (%T) returned a nil *Response with a nil error", rt)
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	return resp, nil
}
