package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/taroreq/taroreq/client"
)

// An unsolicited 101 to a plain request: fetch (Taro's H5 request) fails it
// as a network error; taroreq must not report success, and must not hang.
func TestAnUnsolicited101IsAFailure(t *testing.T) {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		_ = brw.Flush()
		select { // keep the switched connection open, as a WebSocket server does
		case <-done:
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	defer close(done)
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	var calls []string
	resp, err := c.Request(ctx, client.Option{URL: "/ws", Timeout: 300 * time.Millisecond, RetryTimes: client.NoRetry,
		Success:  func(*client.Response) { calls = append(calls, "success") },
		Fail:     func(*client.Response, error) { calls = append(calls, "fail") },
		Complete: func(*client.Response, error) { calls = append(calls, "complete") },
	})
	el := time.Since(start)
	t.Logf("err=%v status=%d errMsg=%q calls=%v elapsed=%v", err, resp.StatusCode, resp.ErrMsg, calls, el)
	if !errors.Is(err, client.ErrProtocolSwitch) {
		t.Errorf("a 101 to a request that asked for no upgrade: err %v (status %d), want ErrProtocolSwitch; fetch fails it", err, resp.StatusCode)
	}
	if el > time.Second {
		t.Errorf("took %v, past the 300ms Timeout", el)
	}
}

// fetch (Taro's H5 request) rewrites the method to GET on a redirect only for
// POST after a 301 or 302, and for any method but GET/HEAD after a 303
// (Fetch, HTTP-redirect fetch, step 12). A PUT, DELETE or PATCH that meets a
// 301 or 302 is sent again as itself, with its body.
func TestARedirectKeepsTheMethodAsFetchDoes(t *testing.T) {
	for _, tc := range []struct {
		method string
		code   int
		data   any
	}{
		{"DELETE", 302, nil},
		{"PUT", 301, map[string]any{"a": 1}},
		{"PATCH", 302, map[string]any{"a": 1}},
	} {
		t.Run(tc.method+"-"+http.StatusText(tc.code), func(t *testing.T) {
			var gotMethod, gotBody string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/old" {
					http.Redirect(w, r, "/new", tc.code)
					return
				}
				b := make([]byte, 64)
				n, _ := r.Body.Read(b)
				gotMethod, gotBody = r.Method, string(b[:n])
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"ok":true}`))
			}))
			defer srv.Close()
			c := client.New(client.WithBaseURL(srv.URL))
			_, err := c.Request(context.Background(), client.Option{URL: "/old", Method: tc.method, Data: tc.data, RetryTimes: client.NoRetry})
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tc.data != nil {
				want = `{"a":1}`
			}
			if gotMethod != tc.method || gotBody != want {
				t.Errorf("after a %d, the redirected request was %s with body %q; fetch sends %s with body %q", tc.code, gotMethod, gotBody, tc.method, want)
			}
		})
	}
}

// fetch's HTTP-network-or-cache fetch adds request headers for the cache
// modes (Fetch §4.5 steps "no-cache" and "no-store or reload"): reload and
// no-store send Cache-Control: no-cache and Pragma: no-cache, no-cache sends
// Cache-Control: max-age=0, so that caches on the way (a CDN, a proxy) are
// bypassed or revalidate too. node's fetch (the taro-diff side) does.
func TestCacheModesSendFetchsHeaders(t *testing.T) {
	type got struct{ cc, pragma string }
	seenCh := make(chan got, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seenCh <- got{r.Header.Get("Cache-Control"), r.Header.Get("Pragma")}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	for _, withCache := range []bool{false, true} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL)}
		if withCache {
			opts = append(opts, client.WithHTTPCache())
		}
		c := client.New(opts...)
		for _, tc := range []struct {
			mode       client.Cache
			cc, pragma string
		}{
			{client.Cache("reload"), "no-cache", "no-cache"},
			{client.Cache("no-store"), "no-cache", "no-cache"},
			{client.Cache("no-cache"), "max-age=0", ""},
		} {
			if _, err := c.Request(context.Background(), client.Option{URL: "/x", Cache: tc.mode}); err != nil {
				t.Fatal(err)
			}
			g := <-seenCh
			if g.cc != tc.cc || g.pragma != tc.pragma {
				t.Errorf("httpcache=%v Cache %q sent Cache-Control %q, Pragma %q; fetch sends %q, %q", withCache, tc.mode, g.cc, g.pragma, tc.cc, tc.pragma)
			}
		}
	}
}

// A Taro call that names Accept-Encoding itself (a browser ignores it, a
// forbidden header; node's fetch sends it) still gets the decoded body:
// fetch decodes by the response's Content-Encoding whoever asked for it.
func TestACallersAcceptEncodingStillDecodes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		_, _ = zw.Write([]byte(`{"gz":true}`))
		_ = zw.Close()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(b.Bytes())
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, dt := range []string{"json", "text"} {
		resp, err := c.Request(context.Background(), client.Option{URL: "/gz", DataType: dt,
			Header: http.Header{"Accept-Encoding": {"gzip, deflate"}}})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := resp.Data.(map[string]any)
		s, _ := resp.Data.(string)
		if !(dt == "json" && m["gz"] == true) && !(dt == "text" && s == `{"gz":true}`) {
			t.Errorf("DataType %s: Data = %q (DecodeErr %v); fetch gives the gunzipped body", dt, resp.Data, resp.DecodeErr)
		}
	}
}

// fetch's text() decodes the body as UTF-8, replacing bytes that are not
// with U+FFFD whatever the charset says; the README's DataType row promises
// "the body as a string ... (as fetch's text())".
func TestTextIsDecodedAsUTF8AsFetchDoes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		_, _ = w.Write([]byte("caf\xe9"))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/t", DataType: "text"})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := resp.Data.(string); s != "caf\uFFFD" {
		t.Errorf("Data = %q (valid UTF-8: %v); fetch's text() gives %q", s, utf8.ValidString(s), "caf\uFFFD")
	}
}
