package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A no-cors call to the client's origin redirected to another origin is
// tainted (opaque). Its answer must not become readable through the store:
// a later identical call answered by the store (no redirect then, so no
// taint) must stay opaque too.
func TestNoCORSTaintedAnswerIsNotStored(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Other-Private", "other-origin-header")
		w.Write([]byte(`{"code":"ok","secret":"other-origin-body"}`))
	}))
	defer other.Close()
	var apiHits atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		apiHits.Add(1)
		http.Redirect(w, r, other.URL+"/data", http.StatusFound)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	opt := client.Option{URL: "/start", Mode: client.ModeNoCORS, UseStore: true,
		StoreCheckKey: "code", StoreSign: "ok"}
	first, err := c.Request(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if first.StatusCode != 0 || first.Data != nil || first.Raw != nil {
		t.Fatalf("first call not opaque: %d %v %q", first.StatusCode, first.Data, first.Raw)
	}
	second, err := c.Request(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if second.StatusCode != 0 || second.Data != nil || second.Raw != nil || second.Header != nil || second.URL != "" {
		t.Errorf("second call (FromStore=%v, api hits %d) reads the other origin's answer: status %d header %v raw %q url %q",
			second.FromStore, apiHits.Load(), second.StatusCode, second.Header, second.Raw, second.URL)
	}
}

// The stale fallback: the same tainted answer, stored, must not answer a
// later call once every URL failed.
func TestNoCORSTaintedAnswerIsNoStaleFallback(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"code":"ok","secret":"other-origin-body"}`))
	}))
	defer other.Close()
	var down atomic.Bool
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		http.Redirect(w, r, other.URL+"/data", http.StatusFound)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	opt := client.Option{URL: "/start", Mode: client.ModeNoCORS, UseStore: true, RetryTimes: client.NoRetry}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	second, err := c.Request(context.Background(), opt)
	if second.FromStore || strings.Contains(string(second.Raw), "other-origin-body") {
		t.Errorf("stale fallback (FromStore=%v, err %v) reads the other origin's answer: status %d header %v raw %q url %q",
			second.FromStore, err, second.StatusCode, second.Header, second.Raw, second.URL)
	}
}

// An answer a redirect brought from another origin, stored by a no-cors or
// a cors call, never answers a later call in the default mode
// (same-origin), which refuses the redirect, nor a no-cors call written by
// a cors one (for which it is opaque): the store keys entries by Mode.
func TestStoredRedirectedAnswerIsNoSameOriginCallsAnswer(t *testing.T) {
	for _, c := range []struct{ wrote, reads client.Mode }{
		{client.ModeNoCORS, ""}, {client.ModeCORS, ""}, {client.ModeCORS, client.ModeNoCORS},
	} {
		t.Run(string(c.wrote)+" then "+string(c.reads), func(t *testing.T) {
			storedRedirectedAnswer(t, c.wrote, c.reads)
		})
	}
}

func storedRedirectedAnswer(t *testing.T, wrote, reads client.Mode) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"code":"ok","secret":"other-origin-body"}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/data", http.StatusFound)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	opt := client.Option{URL: "/start", Mode: wrote, UseStore: true, StoreCheckKey: "code", StoreSign: "ok"}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	opt.Mode = reads
	resp, err := c.Request(context.Background(), opt)
	if resp.FromStore || resp.Raw != nil {
		t.Errorf("%q call got err %v, FromStore %v, raw %q; want nothing of the other origin", reads, err, resp.FromStore, resp.Raw)
	}
	if reads == "" && !errors.Is(err, client.ErrCrossOrigin) {
		t.Errorf("same-origin call: err %v, want ErrCrossOrigin", err)
	}
}
