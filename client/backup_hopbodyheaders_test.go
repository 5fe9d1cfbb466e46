package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestBackupAfterHopSendsTheBodysHeaders: a PUT whose body the caller
// encoded itself (Content-Encoding: gzip, Content-Language) that the first
// URL answers with a 303 to another origin which fails goes to the backup
// with its body and the headers that describe it: net/http drops
// Content-Encoding, Content-Language, Content-Location and Content-Type
// from the bodiless GET hop, and the backup took back Content-Type alone,
// so it got the gzip bytes as if they were plain JSON.
func TestBackupAfterHopSendsTheBodysHeaders(t *testing.T) {
	var mu sync.Mutex
	var got http.Header
	var body string
	var b *httptest.Server
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/doc" {
			http.Redirect(w, r, b.URL+"/fail", http.StatusSeeOther)
			return
		}
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, body = r.Header.Clone(), string(raw)
		mu.Unlock()
		_, _ = w.Write([]byte(`{"at":"backup"}`))
	}))
	defer a.Close()
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer b.Close()
	cl := client.New(client.WithBaseURL(a.URL))
	defer cl.CloseIdleConnections()
	r, err := cl.Request(context.Background(), client.Option{URL: "/doc", Method: http.MethodPut,
		Header: http.Header{"Content-Type": {"application/json"}, "Content-Encoding": {"gzip"}, "Content-Language": {"de"}},
		Data:   []byte("\x1f\x8bgz"), Mode: client.ModeCORS, RetryTimes: client.NoRetry, Backup: []string{a.URL + "/backup"}})
	if err != nil || r.StatusCode != 200 {
		t.Fatalf("got %v, %v; want the backup's answer", r, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if body != "\x1f\x8bgz" || got.Get("Content-Encoding") != "gzip" || got.Get("Content-Language") != "de" || got.Get("Content-Type") != "application/json" {
		t.Errorf("the backup got body %q with header %v; want the PUT's body with its Content-Encoding, Content-Language and Content-Type", body, got)
	}
}
