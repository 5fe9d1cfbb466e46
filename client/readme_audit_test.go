package client_test

import (
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
)

func auditEcho(t *testing.T) (*httptest.Server, *atomic.Int32, chan *http.Request) {
	var n atomic.Int32
	ch := make(chan *http.Request, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		select {
		case ch <- r.Clone(context.Background()):
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":1}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &n, ch
}

// Method: "OPTIONS GET HEAD POST PUT DELETE TRACE CONNECT PATCH, any case"
func TestReadmeMethodsAnyCase(t *testing.T) {
	for _, m := range []string{"trace", "Trace", "options", "patch", "delete", "connect", "Put", "post", "head", "get"} {
		srv, _, ch := auditEcho(t)
		c := client.New(client.WithBaseURL(srv.URL))
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Method: m})
		if err != nil {
			t.Errorf("%s: %v", m, err)
			continue
		}
		r := <-ch
		if r.Method != strings.ToUpper(m) {
			t.Errorf("%s: sent %s", m, r.Method)
		}
	}
	c := client.New()
	_, err := c.Request(context.Background(), client.Option{URL: "http://127.0.0.1:1/x", Method: "FOO"})
	if !errors.Is(err, client.ErrInvalidMethod) {
		t.Errorf("FOO: %v", err)
	}
}

// Data: "a string as it is but for a leading ? or &, which is dropped"
func TestReadmeDataLeadingQuestionOrAmp(t *testing.T) {
	for _, tc := range []struct{ url, data, want string }{
		{"/x", "?a=1", "a=1"},
		{"/x", "&a=1", "a=1"},
		{"/x?b=2", "&a=1", "b=2&a=1"},
		{"/x?b=2", "?a=1", "b=2&a=1"},
	} {
		srv, _, ch := auditEcho(t)
		c := client.New(client.WithBaseURL(srv.URL))
		_, err := c.Request(context.Background(), client.Option{URL: tc.url, Data: tc.data})
		if err != nil {
			t.Errorf("%v: %v", tc, err)
			continue
		}
		r := <-ch
		if r.URL.RawQuery != tc.want {
			t.Errorf("%v: query %q", tc, r.URL.RawQuery)
		}
	}
}

// JSONPCallback default "__jsonp<unix ms>", and _=<unix ms>
func TestReadmeJSONPDefaultCallback(t *testing.T) {
	var q string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q = r.URL.RawQuery
		cb := r.URL.Query().Get("callback")
		w.Write([]byte(cb + `({"a":1})`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", JSONP: true})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`callback=__jsonp\d{13}`).MatchString(q) || !regexp.MustCompile(`(^|&)_=\d{13}`).MatchString(q) {
		t.Errorf("query %q", q)
	}
	_ = resp
	_, err = c.Request(context.Background(), client.Option{URL: "/x", JSONP: true, Method: "POST"})
	if !errors.Is(err, client.ErrInvalidOption) {
		t.Errorf("POST JSONP: %v", err)
	}
}

// Cache: reload / no-store send Cache-Control: no-cache and Pragma: no-cache; no-cache sends max-age=0
func TestReadmeCacheModeHeaders(t *testing.T) {
	for _, withCache := range []bool{false, true} {
		for _, tc := range []struct{ mode, cc, pragma string }{
			{"reload", "no-cache", "no-cache"},
			{"no-store", "no-cache", "no-cache"},
			{"no-cache", "max-age=0", ""},
			{"", "", ""},
			{"default", "", ""},
		} {
			srv, _, ch := auditEcho(t)
			opts := []client.ClientOption{client.WithBaseURL(srv.URL)}
			if withCache {
				opts = append(opts, client.WithHTTPCache())
			}
			c := client.New(opts...)
			_, err := c.Request(context.Background(), client.Option{URL: "/x", Cache: tc.mode})
			if err != nil {
				t.Errorf("%v: %v", tc, err)
				continue
			}
			r := <-ch
			if r.Header.Get("Cache-Control") != tc.cc || r.Header.Get("Pragma") != tc.pragma {
				t.Errorf("cache=%v %q: Cache-Control %q Pragma %q", withCache, tc.mode, r.Header.Get("Cache-Control"), r.Header.Get("Pragma"))
			}
		}
	}
}

// Header: Referer never sent; Content-Type two different values ErrInvalidHeader
func TestReadmeHeaders(t *testing.T) {
	srv, _, ch := auditEcho(t)
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/x", Header: http.Header{"Referer": {"http://a/"}, "Accept-Encoding": {"identity"}}})
	if err != nil {
		t.Fatal(err)
	}
	r := <-ch
	if r.Header.Get("Referer") != "" || r.Header.Get("Accept-Encoding") != "identity" || r.Header.Get("Content-Type") != "" {
		t.Errorf("headers %v", r.Header)
	}
	_, err = c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Data: "x", Header: http.Header{"Content-Type": {"text/plain"}, "content-type": {"application/json"}}})
	if !errors.Is(err, client.ErrInvalidHeader) {
		t.Errorf("two content types: %v", err)
	}
	_, err = c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Data: map[string]any{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	r = <-ch
	if r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("default content-type %q", r.Header.Get("Content-Type"))
	}
}

// Unknown enum values are ErrInvalidOption before any I/O (DataType aside)
func TestReadmeEnums(t *testing.T) {
	srv, n, _ := auditEcho(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, o := range []client.Option{
		{URL: "/x", ResponseType: "blob"},
		{URL: "/x", Mode: "navigate"},
		{URL: "/x", Credentials: "all"},
		{URL: "/x", Cache: "nope"},
	} {
		_, err := c.Request(context.Background(), o)
		if !errors.Is(err, client.ErrInvalidOption) {
			t.Errorf("%+v: %v", o, err)
		}
	}
	if n.Load() != 0 {
		t.Errorf("%d requests", n.Load())
	}
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", DataType: "xml"})
	if err != nil || resp.Data != `{"ok":1}` {
		t.Errorf("xml: %v %#v", err, resp.Data)
	}
}

func TestReadmeCredentialsSameOriginOnlyBase(t *testing.T) {
	var gotB []string
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotB = append(gotB, r.Header.Get("Cookie"))
		http.SetCookie(w, &http.Cookie{Name: "bsid", Value: "B", Path: "/"})
		w.Write([]byte(`{}`))
	}))
	defer b.Close()
	var gotA []string
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotA = append(gotA, r.Header.Get("Cookie"))
		if r.URL.Path == "/to-b" {
			http.Redirect(w, r, b.URL+"/r", 302)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "asid", Value: "A", Path: "/"})
		w.Write([]byte(`{}`))
	}))
	defer a.Close()
	c := client.New(client.WithBaseURL(a.URL))
	ctx := context.Background()
	so := client.CredentialsSameOrigin
	c.Request(ctx, client.Option{URL: "/login", Credentials: so})
	c.Request(ctx, client.Option{URL: "/x", Credentials: so})
	c.Request(ctx, client.Option{URL: b.URL + "/direct", Credentials: so, Mode: client.ModeCORS})
	c.Request(ctx, client.Option{URL: "/to-b", Credentials: so, Mode: client.ModeCORS})
	c.Request(ctx, client.Option{URL: b.URL + "/check", Credentials: client.CredentialsInclude, Mode: client.ModeCORS})
	t.Logf("A got %q, B got %q", gotA, gotB)
	if gotA[1] != "asid=A" {
		t.Errorf("same-origin did not send A's cookie: %q", gotA)
	}
	if gotB[len(gotB)-1] != "" {
		t.Errorf("a cookie B set during Credentials same-origin calls was written to the jar: %q", gotB)
	}
}

func TestReadmeBudgetShared(t *testing.T) {
	var na, nb, nc atomic.Int32
	mk := func(n *atomic.Int32) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(503)
		}))
	}
	a, b, cc := mk(&na), mk(&nb), mk(&nc)
	defer a.Close()
	defer b.Close()
	defer cc.Close()
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", Backup: []string{b.URL + "/y", cc.URL + "/z"}, Mode: client.ModeCORS})
	t.Logf("primary %d backup1 %d backup2 %d attempts %d status %d err %v", na.Load(), nb.Load(), nc.Load(), resp.Attempts, resp.StatusCode, err)
}

func TestReadmeNegativeTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2300 * time.Millisecond)
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/x", Timeout: -1, RetryTimes: client.NoRetry})
	if err != nil {
		t.Errorf("negative timeout: %v", err)
	}
}

func TestReadme205Empty(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "7")
		w.WriteHeader(205)
		w.Write([]byte(`{"a":1}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, rt := range []string{"", "arraybuffer"} {
		for _, dt := range []string{"", "text"} {
			resp, err := c.Request(context.Background(), client.Option{URL: "/x", DataType: dt, ResponseType: rt})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("rt=%q dt=%q data %#v raw %q", rt, dt, resp.Data, resp.Raw)
			if len(resp.Raw) != 0 {
				t.Errorf("205 body kept: %q", resp.Raw)
			}
		}
	}
	resp, _ := c.Request(context.Background(), client.Option{URL: "/x", ResponseType: "arraybuffer"})
	if _, ok := resp.Data.([]byte); !ok {
		t.Errorf("arraybuffer Data %T", resp.Data)
	}
}

func TestReadmeAcceptEncodingTransports(t *testing.T) {
	var seen string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Get("Accept-Encoding")
		if strings.Contains(seen, "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			gz.Write([]byte(`{"a":1}`))
			gz.Close()
			return
		}
		w.Write([]byte(`{"a":2}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, ae := range []string{"", "gzip", "br", "gzip, deflate, br"} {
		h := http.Header{}
		if ae != "" {
			h.Set("Accept-Encoding", ae)
		}
		resp, err := c.Request(context.Background(), client.Option{URL: "/x", Header: h})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := resp.Data.(map[string]any)
		if seen != "gzip" || m["a"] != 1.0 {
			t.Errorf("user %q: server saw %q, data %#v", ae, seen, resp.Data)
		}
	}
}

// README (Composing middleware): the default stack with every bracketed
// layer added, outermost first:
//
//	[outer] → store → backup → datacheck → [httpcache] → retry → breaker → timeout → [extra] → transport
//
// A layer of WithOuterLayers sees no layer before it; one of WithInnerLayers
// sees them all, the HTTP cache between datacheck and retry.
func TestReadmeStackOrderWithTheBracketedLayers(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{}`))
	var outer, inner []string
	probe := func(into *[]string) middleware.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				*into = append([]string{"seen"}, middleware.CallFrom(r.Context()).Layers()...)
				return next.RoundTrip(r)
			})
		}
	}
	c := client.New(client.WithOuterLayers(probe(&outer)), client.WithHTTPCache(), client.WithInnerLayers(probe(&inner)))
	if _, err := c.Request(middleware.WithLayerTrace(context.Background()), client.Option{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(outer, " → "); got != "seen" {
		t.Errorf("the outer layer saw %q before it, want none", got)
	}
	if got, want := strings.Join(inner, " → "), "seen → store → backup → datacheck → httpcache → retry → breaker → timeout"; got != want {
		t.Errorf("the inner layer saw %q, want %q", got, want)
	}
}
