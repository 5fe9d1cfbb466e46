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
