package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestBackupAfterRedirectChainIsAFreshRequest: a backup is a request of its
// own, as Taro's is a new fetch from the page, also when the primary URL
// failed on a redirect hop (the backup layer then fails over below the
// redirect follower, from the hop's request). Two origins besides the
// client's: the primary on B redirects to C (fetch's tainted origin: C's
// hop goes with "Origin: null"), C fails, and the backup on D goes with
// the client's Origin, not "null"; a backup on the client's own origin
// after a chain that went to B and on gets the client's cookies under Credentials
// same-origin, as a new same-origin fetch does. Both were the hop's: the
// backup went with "Origin: null" and without the jar's cookies.
func TestBackupAfterRedirectChainIsAFreshRequest(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]http.Header{} // path → header the last request to it had
	record := func(r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.Header.Clone()
		mu.Unlock()
	}
	var a, b, c *httptest.Server
	a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "alice", Path: "/"})
		case "/toB":
			http.Redirect(w, r, b.URL+"/hop", http.StatusFound)
		default:
			_, _ = w.Write([]byte(`{"at":"a"}`))
		}
	}))
	defer a.Close()
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		switch r.URL.Path {
		case "/toC":
			http.Redirect(w, r, c.URL+"/fail", http.StatusFound)
			return
		case "/hop":
			http.Redirect(w, r, "/fail", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer b.Close()
	c = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer c.Close()
	d := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		_, _ = w.Write([]byte(`{"at":"d"}`))
	}))
	defer d.Close()

	cl := client.New(client.WithBaseURL(a.URL))
	defer cl.CloseIdleConnections()
	ctx := context.Background()

	// The Origin rule: C's hop is tainted, D's backup is not.
	r, err := cl.Request(ctx, client.Option{URL: b.URL + "/toC", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup: []string{d.URL + "/backup"}})
	if err != nil || r.URL != d.URL+"/backup" {
		t.Fatalf("got %s, %v; want the backup's answer", r.URL, err)
	}
	mu.Lock()
	hop, backup := seen["/fail"].Get("Origin"), seen["/backup"].Get("Origin")
	mu.Unlock()
	if hop != "null" {
		t.Errorf("the tainted hop to C went with Origin %q, want null", hop)
	}
	if backup != a.URL {
		t.Errorf("the backup on D went with Origin %q, want the client's %s (a new request, as Taro's backup fetch)", backup, a.URL)
	}

	// The jar under Credentials same-origin: the backup on the client's
	// origin is a same-origin request of its own, though the primary's
	// chain went from the client's origin to B and on (its hops after B
	// use no jar, as fetch's response tainting has it).
	if _, err := cl.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsSameOrigin}); err != nil {
		t.Fatal(err)
	}
	r, err = cl.Request(ctx, client.Option{URL: "/toB", Mode: client.ModeCORS, Credentials: client.CredentialsSameOrigin,
		RetryTimes: client.NoRetry, Backup: []string{a.URL + "/home"}})
	if err != nil || r.URL != a.URL+"/home" {
		t.Fatalf("got %s, %v; want the backup's answer", r.URL, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := seen["/fail"].Get("Cookie"); got != "" {
		t.Errorf("B's hop got Cookie %q", got)
	}
	if got := seen["/home"].Get("Cookie"); got != "sid=alice" {
		t.Errorf("the same-origin backup got Cookie %q, want sid=alice (a new same-origin request)", got)
	}
	if got := seen["/home"].Get("Origin"); got != "" {
		t.Errorf("the same-origin backup got Origin %q, want none", got)
	}
}
