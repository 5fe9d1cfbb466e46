package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestBackupChainStartedByABackupFailsOverToTheNext: the primary on the
// client's origin A fails; the first backup, on B, answers with a redirect
// to a URL of B that fails. The next backup, on A, is then tried once, as
// Taro's next backup is, with the call's Authorization (the backup on B and
// its hop had it stripped). The hop went through the whole list again: the
// backup on B first, whose redirect led to the failing URL again, ten
// times up to the redirect bound, and the backup on A got the stripped
// headers of B's request, without the call's credentials.
func TestBackupChainStartedByABackupFailsOverToTheNext(t *testing.T) {
	var mu sync.Mutex
	count := map[string]int{}
	auth := map[string]string{}
	rec := func(who string, r *http.Request) {
		mu.Lock()
		count[who+r.URL.Path]++
		auth[who+r.URL.Path] = r.Header.Get("Authorization")
		mu.Unlock()
	}
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec("A", r)
		if r.URL.Path == "/primary" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"at":"a"}`))
	}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec("B", r)
		if r.URL.Path == "/r" {
			http.Redirect(w, r, "/fail", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer b.Close()
	cl := client.New(client.WithBaseURL(a.URL))
	defer cl.CloseIdleConnections()
	r, err := cl.Request(context.Background(), client.Option{URL: "/primary", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Header: http.Header{"Authorization": {"Bearer alice"}}, Backup: []string{b.URL + "/r", a.URL + "/a2"}})
	if err != nil || r.URL != a.URL+"/a2" {
		t.Fatalf("got %v, %v; want the answer of the backup on A", r, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if count["B/r"] != 1 || count["B/fail"] != 1 || count["A/a2"] != 1 {
		t.Errorf("requests %v, want B's backup, its hop and A's backup once each", count)
	}
	if auth["B/r"] != "" || auth["B/fail"] != "" {
		t.Errorf("B got the call's Authorization: %v", auth)
	}
	if auth["A/a2"] != "Bearer alice" {
		t.Errorf("the backup on A got Authorization %q, want the call's", auth["A/a2"])
	}
}
