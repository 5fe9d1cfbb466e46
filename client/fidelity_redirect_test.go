package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

func redirServer(t *testing.T) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var log []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		log = append(log, r.Method+" "+r.URL.Path+" "+strconv.Itoa(len(b)))
		mu.Unlock()
		if code, ok := strings.CutPrefix(r.URL.Path, "/r"); ok {
			n, _ := strconv.Atoi(code)
			w.Header().Set("Location", "/there")
			w.WriteHeader(n)
			return
		}
		w.Write([]byte("ok"))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), log...) }
}

// fetch, HTTP-redirect fetch step 11: "If internalResponse's status is not
// 303, request's body is non-null, and request's body's source is null,
// then return a network error." — before step 12 turns a POST into a GET.
// node (undici): a POST with a ReadableStream body and a 301/302 fails.
func TestAStreamedPOSTRedirectedBy301Or302FailsAsFetch(t *testing.T) {
	for _, code := range []int{301, 302} {
		srv, log := redirServer(t)
		c := client.New(client.WithBaseURL(srv.URL), client.WithMaxRequestBuffer(16))
		resp, err := c.Request(context.Background(), client.Option{URL: "/r" + strconv.Itoa(code), Method: "POST",
			Data: io.Reader(strings.NewReader(strings.Repeat("x", 1024))), RetryTimes: client.NoRetry,
			Header: http.Header{"Content-Type": {"application/octet-stream"}}})
		t.Logf("%d: err=%v status=%d log=%q", code, err, resp.StatusCode, log())
		if err == nil {
			t.Errorf("a streamed POST met a %d and became a GET that succeeded (status %d, %q): fetch fails it (body source null)", code, resp.StatusCode, log())
		}
	}
}

func TestAStreamedPOSTRedirectedBy307Or308Fails(t *testing.T) {
	for _, code := range []int{307, 308} {
		srv, log := redirServer(t)
		c := client.New(client.WithBaseURL(srv.URL), client.WithMaxRequestBuffer(16))
		resp, err := c.Request(context.Background(), client.Option{URL: "/r" + strconv.Itoa(code), Method: "POST",
			Data: io.Reader(strings.NewReader(strings.Repeat("x", 1024))), RetryTimes: client.NoRetry,
			Header: http.Header{"Content-Type": {"application/octet-stream"}}})
		var ce *client.Error
		t.Logf("%d: err=%v isClientErr=%v status=%d errmsg=%q hdr=%v log=%q", code, err, errors.As(err, &ce), resp.StatusCode, resp.ErrMsg, resp.Header, log())
		if err == nil || !errors.As(err, &ce) || resp.StatusCode != 0 {
			t.Errorf("%d: want a *client.Error and no status", code)
		}
	}
}

// Every method meets every redirect status with a buffered body: the
// method and body of the next request are fetch's.
func TestBufferedRedirectsKeepTheMethodAsFetch(t *testing.T) {
	for _, m := range []string{"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"} {
		for _, code := range []int{301, 302, 303, 307, 308} {
			srv, log := redirServer(t)
			c := client.New(client.WithBaseURL(srv.URL))
			opt := client.Option{URL: "/r" + strconv.Itoa(code), Method: m, RetryTimes: client.NoRetry, Idempotent: true}
			if m != "HEAD" {
				opt.Data = "hello"
				opt.Header = http.Header{"Content-Type": {"text/plain"}}
			}
			resp, err := c.Request(context.Background(), opt)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s %d: err=%v status=%d", m, code, err, resp.StatusCode)
			}
			// fetch: a 303 makes a GET of any method but HEAD, a 301 or 302
			// a GET of a POST; every other redirect sends the same again.
			method, body := m, len("hello")
			if code == 303 && m != "HEAD" || (code == 301 || code == 302) && m == "POST" {
				method, body = "GET", 0
			}
			if m == "HEAD" {
				body = 0
			}
			if got, want := log()[1], method+" /there "+strconv.Itoa(body); got != want {
				t.Errorf("%s %d: the redirect sent %q, want %q", m, code, got, want)
			}
		}
	}
}

// fetch parses a Location with the URL parser, which removes every ASCII
// tab (a header value may hold one: net/http's reader refuses the other
// controls), as the client already reads an Option URL (README, URL). http.Client's url.Parse refused the Location: the redirect
// failed, with no response.
func TestRedirectLocationWithATabIsParsedAsFetch(t *testing.T) {
	for _, tc := range []struct{ loc, want string }{
		{"/t\tab?q=1", "/tab?q=1"},
		{"/tab\t/x", "/tab/x"},
	} {
		var got string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/go" {
				w.Header()["Location"] = []string{tc.loc}
				w.WriteHeader(http.StatusFound)
				return
			}
			got = r.URL.RequestURI()
			w.Write([]byte(`{"ok":1}`))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: "/go", RetryTimes: client.NoRetry})
		cancel()
		srv.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("Location %q: err %v, status %d; want it followed to %s", tc.loc, err, resp.StatusCode, tc.want)
			continue
		}
		if got != tc.want || resp.URL != srv.URL+tc.want {
			t.Errorf("Location %q: the hop asked for %q (answered URL %q), want %q", tc.loc, got, resp.URL, tc.want)
		}
	}
}

// A Location that is not an http(s) URL with a host and a port in range is
// fetch's network error at once (HTTP-redirect fetch: "if locationURL's
// scheme is not an HTTP(S) scheme, return a network error"), as the same URL
// given as Option.URL is ErrInvalidURL before any I/O: the hop is not
// dialed, nor retried with backoff, as a transport error would be.
func TestRedirectToANonHTTPURLFailsAtOnce(t *testing.T) {
	for _, loc := range []string{"ftp://example.com/x", "data:text/plain,hi", "http://127.0.0.1:99999/x"} {
		t.Run(loc, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", loc)
				w.WriteHeader(http.StatusFound)
			}))
			defer ts.Close()
			c := client.New(client.WithBaseURL(ts.URL))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			resp, err := c.Request(ctx, client.Option{URL: "/a", Mode: client.ModeCORS})
			if !errors.Is(err, client.ErrInvalidURL) {
				t.Errorf("err = %v, want ErrInvalidURL", err)
			}
			if resp.Attempts != 1 {
				t.Errorf("%d attempts, want 1 (the hop is not sent)", resp.Attempts)
			}
		})
	}
}
