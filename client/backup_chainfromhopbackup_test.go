package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestBackupChainOfAHopsBackupFailsOverToTheNext: the primary on A
// redirects to a URL of B that fails; the first backup, on B, then answers
// with a redirect to that failing URL again. The hop of the backup's chain
// fails over to the backup after it (on A, with the call's Authorization),
// once: a backup of a hop is a clone of that hop, still linked to the
// primary's chain, so the chain's first request was taken for the one it
// stood in for with no backup before it, and the whole list was tried
// again from each hop, up to the redirect bound (B/r ten times).
func TestBackupChainOfAHopsBackupFailsOverToTheNext(t *testing.T) {
	var mu sync.Mutex
	count := map[string]int{}
	auth := map[string]string{}
	rec := func(who string, r *http.Request) {
		mu.Lock()
		count[who+r.URL.Path]++
		auth[who+r.URL.Path] = r.Header.Get("Authorization")
		mu.Unlock()
	}
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec("B", r)
		if r.URL.Path == "/r" {
			http.Redirect(w, r, "/fail", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec("A", r)
		if r.URL.Path == "/primary" {
			http.Redirect(w, r, b.URL+"/fail", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(`{"at":"a"}`))
	}))
	defer a.Close()
	cl := client.New(client.WithBaseURL(a.URL))
	defer cl.CloseIdleConnections()
	r, err := cl.Request(context.Background(), client.Option{URL: "/primary", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Header: http.Header{"Authorization": {"Bearer alice"}}, Backup: []string{b.URL + "/r", a.URL + "/a2"}})
	if err != nil || r.URL != a.URL+"/a2" {
		t.Fatalf("got %v, %v; want the answer of the backup on A", r, err)
	}
	mu.Lock()
	defer mu.Unlock()
	// B/fail: the primary's hop, then the backup's.
	if count["B/r"] != 1 || count["B/fail"] != 2 || count["A/a2"] != 1 {
		t.Errorf("requests %v, want B's backup and A's once, B/fail twice", count)
	}
	if auth["B/r"] != "" || auth["B/fail"] != "" {
		t.Errorf("B got the call's Authorization: %v", auth)
	}
	if auth["A/a2"] != "Bearer alice" {
		t.Errorf("the backup on A got Authorization %q, want the call's", auth["A/a2"])
	}
}
