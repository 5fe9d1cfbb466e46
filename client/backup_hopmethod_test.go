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

// TestBackupAfterHopSendsTheCallsMethodAndBody: a PUT, or a POST with an
// Idempotency-Key, that the first URL answers with a 303 to another origin
// which fails may fail over; the backup stands in for the call's request,
// so it gets the PUT or POST with its body and Content-Type, not the GET
// without a body that net/http made of the hop.
func TestBackupAfterHopSendsTheCallsMethodAndBody(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	var b *httptest.Server
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/order" {
			http.Redirect(w, r, b.URL+"/fail", http.StatusSeeOther)
			return
		}
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got[r.URL.Path] = r.Method + " " + r.Header.Get("Content-Type") + " " + string(body)
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
	for _, tc := range []struct {
		method string
		header http.Header
	}{
		{"PUT", nil},
		{"POST", http.Header{"Idempotency-Key": {"k1"}}},
	} {
		backup := "/backup-" + tc.method
		r, err := cl.Request(context.Background(), client.Option{URL: "/order", Method: tc.method, Header: tc.header,
			Data: map[string]int{"n": 1}, Mode: client.ModeCORS, RetryTimes: client.NoRetry, Backup: []string{a.URL + backup}})
		if err != nil || r.StatusCode != 200 {
			t.Fatalf("%s: got %v, %v; want the backup's answer", tc.method, r, err)
		}
		mu.Lock()
		seen := got[backup]
		mu.Unlock()
		if want := tc.method + ` application/json {"n":1}`; seen != want {
			t.Errorf("the backup of a %s got %q, want %q", tc.method, seen, want)
		}
	}
}
