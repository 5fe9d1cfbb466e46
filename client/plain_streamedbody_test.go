package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// TestPlainClientGetsTheBodyAsItArrives: a plain http.Client over
// c.Transport() gets the answer's headers and first bytes as they arrive
// (the README: "the body is streamed to you"), not once the whole body has:
// the default stack's store layer read every plain GET's body whole (up to
// 8 MiB) before handing the response on, so a body that trickles (a long
// poll, NDJSON, a progress feed) kept Do waiting for its end. What the
// caller reads to its end is still stored, with the header the server
// sent: the stale fallback answers with it once the server is down.
func TestPlainClientGetsTheBodyAsItArrives(t *testing.T) {
	release := make(chan struct{})
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "first,")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, "rest")
	}))
	defer srv.Close()
	c := client.New(client.WithRetry())
	defer c.CloseIdleConnections()
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}

	type result struct {
		resp *http.Response
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := hc.Get(srv.URL + "/feed")
		got <- result{resp, err}
	}()
	var r result
	select {
	case r = <-got:
	case <-time.After(time.Second):
		close(release)
		r = <-got
		if r.err == nil {
			r.resp.Body.Close()
		}
		t.Fatal("Do waited for the whole body: the headers and first bytes had arrived a second before")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	r.resp.Header.Set("X-Caller", "mine") // the caller's copy: not what is stored
	first := make([]byte, len("first,"))
	if _, err := io.ReadFull(r.resp.Body, first); err != nil || string(first) != "first," {
		t.Fatalf("first bytes %q, %v", first, err)
	}
	close(release)
	rest, err := io.ReadAll(r.resp.Body)
	r.resp.Body.Close()
	if err != nil || string(rest) != "rest" {
		t.Fatalf("rest %q, %v", rest, err)
	}

	down.Store(true)
	resp, err := hc.Get(srv.URL + "/feed")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "first,rest" || resp.Header.Get("X-Caller") != "" {
		t.Errorf("server down: %d %q %v, want the stored answer read before, as the server sent it", resp.StatusCode, b, resp.Header)
	}
}

// TestPlainClientEmptyAnswerIsStoredUnread: an empty answer has nothing to
// read: it is stored as it arrives, whether or not the caller reads it, as
// it was before bodies were handed on as they arrive.
func TestPlainClientEmptyAnswerIsStoredUnread(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("X-Version", "7")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	c := client.New(client.WithRetry(retry.WithSleep(func(context.Context, time.Duration) error { return nil })))
	defer c.CloseIdleConnections()
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	resp, err := hc.Get(srv.URL + "/empty")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // unread: there is nothing to read
	down.Store(true)
	resp, err = hc.Get(srv.URL + "/empty")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Version") != "7" {
		t.Errorf("server down: %d %v, want the stored empty answer", resp.StatusCode, resp.Header)
	}
}
