package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestBackupAfterCrossOriginHopHasTheCallsCredentials: the primary on the
// client's origin A redirects to B, which fails; the backup on A is a new
// request of the call (Taro's backup is a new fetch with the caller's
// header), so it carries the call's Authorization and X-Api-Key, which the
// hop to B lost; a backup on a third origin C still gets neither. And a
// POST that A answered with a 303 to B is not failed over: it was applied.
func TestBackupAfterCrossOriginHopHasTheCallsCredentials(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]http.Header{}
	methods := map[string]string{}
	record := func(r *http.Request) {
		mu.Lock()
		seen[r.Host+r.URL.Path], methods[r.Host+r.URL.Path] = r.Header.Clone(), r.Method
		mu.Unlock()
	}
	var b *httptest.Server
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		switch r.URL.Path {
		case "/toB":
			http.Redirect(w, r, b.URL+"/fail", http.StatusFound)
		case "/order":
			http.Redirect(w, r, b.URL+"/fail", http.StatusSeeOther)
		default:
			_, _ = w.Write([]byte(`{"at":"a"}`))
		}
	}))
	defer a.Close()
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer b.Close()
	c := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		_, _ = w.Write([]byte(`{"at":"c"}`))
	}))
	defer c.Close()
	host := func(s *httptest.Server) string { return s.Listener.Addr().String() }

	cl := client.New(client.WithBaseURL(a.URL))
	defer cl.CloseIdleConnections()
	h := http.Header{"Authorization": {"Bearer alice"}, "X-Api-Key": {"k-alice"}}
	for _, backupURL := range []string{a.URL + "/backup", c.URL + "/backup"} {
		r, err := cl.Request(context.Background(), client.Option{URL: "/toB", Mode: client.ModeCORS, Header: h,
			RetryTimes: client.NoRetry, Backup: []string{backupURL}})
		if err != nil || r.URL != backupURL {
			t.Fatalf("got %v, %v; want the backup's answer", r, err)
		}
	}
	mu.Lock()
	hop, onA, onC := seen[host(b)+"/fail"], seen[host(a)+"/backup"], seen[host(c)+"/backup"]
	mu.Unlock()
	if hop.Get("Authorization") != "" || hop.Get("X-Api-Key") != "" {
		t.Fatalf("the hop to B carried credentials: %v", hop)
	}
	if onA.Get("Authorization") != "Bearer alice" || onA.Get("X-Api-Key") != "k-alice" {
		t.Errorf("the backup on A got Authorization %q, X-Api-Key %q; want the call's", onA.Get("Authorization"), onA.Get("X-Api-Key"))
	}
	if onC.Get("Authorization") != "" || onC.Get("X-Api-Key") != "" {
		t.Errorf("the backup on C got credentials: %v", onC)
	}

	r, err := cl.Request(context.Background(), client.Option{URL: "/order", Method: "POST", Data: map[string]int{"n": 1},
		Mode: client.ModeCORS, RetryTimes: client.NoRetry, Backup: []string{a.URL + "/order-backup"}})
	mu.Lock()
	_, failedOver := methods[host(a)+"/order-backup"]
	mu.Unlock()
	if failedOver {
		t.Errorf("the answered POST was failed over (got %v, %v)", r, err)
	}
}
