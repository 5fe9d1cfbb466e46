package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// The README's "at most 20 redirects", as fetch: a chain of 20 is followed
// to its answer, one of 21 fails with ErrTooManyRedirects.
func TestTwentyRedirectsFollowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/%d", n-1), http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, `{"end":true}`)
	}))
	defer srv.Close()
	c := client.New()
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/20"})
	if err != nil || resp.StatusCode != 200 || !strings.HasSuffix(resp.URL, "/0") {
		t.Fatalf("20 redirects: %v, status %d, URL %q", err, resp.StatusCode, resp.URL)
	}
	_, err = c.Request(context.Background(), client.Option{URL: srv.URL + "/21", RetryTimes: client.NoRetry})
	if !errors.Is(err, client.ErrTooManyRedirects) || !strings.Contains(err.Error(), "20 redirects") {
		t.Fatalf("21 redirects: %v, want ErrTooManyRedirects after 20", err)
	}
}

// A call stopped by the redirect limit is a browser's network error: no
// response of the hops is shown (the README says so).
func TestRedirectLoopShowsNoResponse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Hop", r.URL.Path)
		http.Redirect(w, r, "/loop", http.StatusFound)
	}))
	defer srv.Close()
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL + "/start"})
	if err == nil || resp.StatusCode != 0 || len(resp.Header) != 0 {
		t.Fatalf("err %v, status %d, header %v; want the error and no response", err, resp.StatusCode, resp.Header)
	}
}

// After a failover, a redirect that fails in http.Client itself (a loop, a
// Location that does not parse) shows no response either: not the
// primary's failure.
func TestRedirectFailureAfterFailoverShowsNoResponse(t *testing.T) {
	for name, location := range map[string]string{"loop": "/loop", "bad Location": "http://[bad"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Hop", r.URL.Path)
			if r.URL.Path == "/primary" {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Location", location)
			w.WriteHeader(http.StatusFound)
		}))
		resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL + "/primary",
			Backup: []string{srv.URL + "/backup"}, RetryTimes: client.NoRetry})
		srv.Close()
		if err == nil || resp.StatusCode != 0 || len(resp.Header) != 0 {
			t.Fatalf("%s: err %v, status %d, header %v; want the error and no response", name, err, resp.StatusCode, resp.Header)
		}
	}
}

// uncomparableErr is an error a layer may return whose type cannot be
// compared with ==.
type uncomparableErr []string

func (e uncomparableErr) Error() string { return "validation: " + strings.Join(e, ", ") }

// A hop's error is the call's, whatever its type: telling it from
// http.Client's own compares nothing.
func TestHopErrorOfAnUncomparableType(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	failB := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if r.URL.Path == "/b" {
				return nil, uncomparableErr{"field x"}
			}
			return next.RoundTrip(r)
		})
	}
	_, err := client.New(client.WithOuterLayers(failB)).Request(context.Background(), client.Option{URL: srv.URL + "/a"})
	var ue uncomparableErr
	if !errors.As(err, &ue) {
		t.Fatalf("err %v; want the hop's error", err)
	}
}
