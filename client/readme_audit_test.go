package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
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
	for _, m := range []string{"trace", "Trace", "options", "patch", "delete"} {
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
