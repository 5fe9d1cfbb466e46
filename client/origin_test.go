package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// twoOrigins starts servers A and B on different ports (two origins). A's
// /login sets a cookie; every path echoes the Cookie and Origin it got.
func twoOrigins(t *testing.T) (a, b *faultserver.Server) {
	h := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "s1", Path: "/"})
		}
		w.Header().Set("X-Secret", "hidden")
		_, _ = w.Write([]byte(`{"cookie":"` + r.Header.Get("Cookie") + `","origin":"` + r.Header.Get("Origin") + `"}`))
	}
	return faultserver.New(t, h), faultserver.New(t, h)
}

func TestModeSameOriginRefusesOtherOrigin(t *testing.T) {
	a, b := twoOrigins(t)
	c := client.New(client.WithBaseURL(a.URL))
	_, err := c.Request(context.Background(), client.Option{URL: b.URL + "/x"})
	if !errors.Is(err, client.ErrCrossOrigin) || b.Count() != 0 {
		t.Fatalf("err %v, B saw %d", err, b.Count())
	}
	_, err = c.Request(context.Background(), client.Option{URL: "/x", Backup: []string{a.URL + "/y", b.URL + "/z"}})
	if !errors.Is(err, client.ErrCrossOrigin) || a.Count() != 0 {
		t.Fatalf("backup of another origin: err %v, A saw %d", err, a.Count())
	}
	// The error names the refused URL, the backup, and the way to allow it.
	if msg := err.Error(); !strings.Contains(msg, ": "+b.URL+"/z is not of") || !strings.Contains(msg, "client.ModeCORS") {
		t.Errorf("error %q does not name the refused backup %s and Mode: client.ModeCORS", msg, b.URL+"/z")
	}
	if _, err = c.Request(context.Background(), client.Option{URL: "/same"}); err != nil || a.Requests()[0].Header.Get("Origin") != "" {
		t.Fatalf("same origin: %v", err)
	}
}

func TestModeCORSSendsOrigin(t *testing.T) {
	a, b := twoOrigins(t)
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: b.URL, Mode: "cors"})
	if err != nil {
		t.Fatal(err)
	}
	if m := resp.Data.(map[string]any); m["origin"] != a.URL {
		t.Errorf("Origin sent %q, want %q", m["origin"], a.URL)
	}
}

func TestModeNoCORSIsOpaque(t *testing.T) {
	a, b := twoOrigins(t)
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: b.URL, Mode: "no-cors"})
	if err != nil || b.Count() != 1 {
		t.Fatal(err)
	}
	if resp.StatusCode != 0 || resp.Header != nil || resp.Data != nil || resp.Raw != nil || resp.ErrMsg != "request:ok" {
		t.Errorf("not opaque: %+v", resp)
	}
	for _, opt := range []client.Option{
		{URL: b.URL, Mode: "no-cors", Method: "PUT"},
		{URL: b.URL, Mode: "no-cors", Header: http.Header{"X-Custom": {"1"}}},
		{URL: b.URL, Mode: "no-cors", Method: "POST", Data: "x", Header: http.Header{"Content-Type": {"application/json"}}},
		{URL: b.URL, Mode: "navigate"},
		{URL: b.URL, Credentials: "always"},
	} {
		if _, err := c.Request(context.Background(), opt); !errors.Is(err, client.ErrInvalidOption) {
			t.Errorf("%+v: err %v", opt, err)
		}
	}
	if b.Count() != 1 {
		t.Errorf("refused requests reached B: %d", b.Count())
	}
}

func TestCredentials(t *testing.T) {
	a, b := twoOrigins(t)
	cookieAt := func(c *client.Client, url string, creds client.Credentials) string {
		t.Helper()
		resp, err := c.Request(context.Background(), client.Option{URL: url, Mode: "cors", Credentials: creds})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Data.(map[string]any)["cookie"].(string)
	}
	// omit: the Set-Cookie is not stored, nothing is sent.
	c := client.New(client.WithBaseURL(a.URL))
	resp, _ := c.Request(context.Background(), client.Option{URL: "/login"})
	if len(resp.Cookies) != 1 || resp.Cookies[0].Value != "s1" {
		t.Errorf("Response.Cookies %v", resp.Cookies)
	}
	if got := cookieAt(c, a.URL+"/x", "same-origin"); got != "" {
		t.Errorf("omit stored a cookie: later request sent %q", got)
	}
	// same-origin: stored and sent to A, not sent to B.
	c = client.New(client.WithBaseURL(a.URL))
	cookieAt(c, a.URL+"/login", "same-origin")
	if got := cookieAt(c, a.URL+"/x", "same-origin"); got != "sid=s1" {
		t.Errorf("same-origin to A sent %q", got)
	}
	if got := cookieAt(c, b.URL+"/x", "same-origin"); got != "" {
		t.Errorf("same-origin to B sent %q", got)
	}
	if got := cookieAt(c, a.URL+"/x", "omit"); got != "" {
		t.Errorf("omit sent %q", got)
	}
	// include: the jar is used for B too, with B's cookies only: the
	// default jar keeps ports apart (RFC 6265 would send A's to B, on the
	// same host).
	if got := cookieAt(c, b.URL+"/x", "include"); got != "" {
		t.Errorf("include to B, before B set one, sent %q", got)
	}
	cookieAt(c, b.URL+"/login", "include")
	if got := cookieAt(c, b.URL+"/x", "include"); got != "sid=s1" {
		t.Errorf("include to B, after B set one, sent %q", got)
	}
}

func TestJSONP(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		cb := r.URL.Query().Get("callback")
		switch r.URL.Path {
		case "/bad":
			_, _ = w.Write([]byte(`alert(1)`))
		case "/semi":
			_, _ = w.Write([]byte(cb + `({"n":2});`))
		default:
			_, _ = w.Write([]byte(cb + `({"n":1})`))
		}
	})
	now := func() time.Time { return time.UnixMilli(1700000000123) }
	c := client.New(client.WithBaseURL(srv.URL), client.WithClock(now))
	resp, err := c.Request(context.Background(), client.Option{URL: "/a?x=1", JSONP: true})
	if err != nil || resp.Data.(map[string]any)["n"] != 1.0 {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	if got := srv.Requests()[0].URL; got != "/a?x=1&callback=__jsonp1700000000123&_=1700000000123" {
		t.Errorf("URL %q", got)
	}
	resp, err = c.Request(context.Background(), client.Option{URL: "/semi", JSONPCallback: "handle", JSONPCache: true})
	if err != nil || resp.Data.(map[string]any)["n"] != 2.0 || srv.Requests()[1].URL != "/semi?callback=handle" {
		t.Fatalf("named: %+v %v %q", resp.Data, err, srv.Requests()[1].URL)
	}
	resp, err = c.Request(context.Background(), client.Option{URL: "/bad", JSONP: true})
	if err == nil || !strings.Contains(resp.ErrMsg, "not the expected JSONP call") {
		t.Errorf("malformed: err %v ErrMsg %q", err, resp.ErrMsg)
	}
	if _, err := c.Request(context.Background(), client.Option{URL: "/a", JSONP: true, Method: "POST"}); !errors.Is(err, client.ErrInvalidOption) {
		t.Errorf("POST JSONP: %v", err)
	}
}

// The Origin header names the client's origin: the port is left out only
// when it is its scheme's default.
func TestCORSOriginHeaderKeepsAPortNotTheSchemes(t *testing.T) {
	got := make(chan string, 1)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("Origin")
	}))
	defer other.Close()
	for base, want := range map[string]string{
		"http://api.test": "http://api.test", "http://api.test:80": "http://api.test",
		"https://api.test:443": "https://api.test", "http://api.test:443": "http://api.test:443",
		"https://api.test:80": "https://api.test:80", "http://api.test:8080": "http://api.test:8080",
	} {
		c := client.New(client.WithBaseURL(base))
		if _, err := c.Request(context.Background(), client.Option{URL: other.URL, Mode: client.ModeCORS}); err != nil {
			t.Fatal(err)
		}
		if o := <-got; o != want {
			t.Fatalf("base %s: Origin %q, want %q", base, o, want)
		}
	}
}

// A no-cors POST whose data the client encodes, with no Content-Type of the
// caller's, is sent with the type fetch gives it (text/plain for JSON, the
// form type for a form), not refused for a type the caller never set.
func TestModeNoCORSPostWithData(t *testing.T) {
	a, b := twoOrigins(t)
	c := client.New(client.WithBaseURL(a.URL))
	for _, tc := range []struct {
		data           any
		header         http.Header
		wantCT, wantBy string
	}{
		{map[string]any{"a": 1}, nil, "text/plain;charset=UTF-8", `{"a":1}`},
		{"x=1", nil, "text/plain;charset=UTF-8", `x=1`},
		{map[string]any{"a": 1}, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, "application/x-www-form-urlencoded", "a=1"},
	} {
		n := b.Count()
		resp, err := c.Request(context.Background(), client.Option{URL: b.URL + "/p", Mode: client.ModeNoCORS, Method: "POST",
			Data: tc.data, Header: tc.header})
		if err != nil || resp.StatusCode != 0 || b.Count() != n+1 {
			t.Fatalf("%v: err %v, status %d; want it sent, opaque", tc.data, err, resp.StatusCode)
		}
		got := b.Requests()[n]
		if ct := got.Header.Get("Content-Type"); ct != tc.wantCT || string(got.Body) != tc.wantBy {
			t.Errorf("%v: sent Content-Type %q, body %q; want %q, %q", tc.data, ct, got.Body, tc.wantCT, tc.wantBy)
		}
	}
}
