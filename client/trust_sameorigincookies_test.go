package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// cookieBounce is a client origin that logs alice in at /login, redirects
// /go to another origin, and fails /p; the other origin redirects every
// request to the client origin's /admin/delete, a URL of its choosing,
// which answers with a cookie of its own. It records the Cookie each
// request carried.
func cookieBounce(t *testing.T) (c *client.Client, other string, got func() []string) {
	var mu sync.Mutex
	var seen []string
	var otherURL string
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" ["+r.Header.Get("Cookie")+"]")
		mu.Unlock()
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "alice", Path: "/"})
		case "/go":
			http.Redirect(w, r, otherURL+"/x", http.StatusFound)
			return
		case "/p":
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		case "/admin/delete":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "planted", Path: "/"})
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(home.Close)
	o := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, home.URL+"/admin/delete", http.StatusFound)
	}))
	t.Cleanup(o.Close)
	otherURL = o.URL
	c = client.New(client.WithBaseURL(home.URL))
	if _, err := c.Request(context.Background(), client.Option{URL: "/login", Credentials: client.CredentialsSameOrigin}); err != nil {
		t.Fatal(err)
	}
	return c, o.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func checkBounce(t *testing.T, c *client.Client, got func() []string, first string) {
	t.Helper()
	if _, err := c.Request(context.Background(), client.Option{URL: "/me", Credentials: client.CredentialsSameOrigin}); err != nil {
		t.Fatal(err)
	}
	want := []string{"/login []", first + " [sid=alice]", "/admin/delete []", "/me [sid=alice]"}
	g := got()
	if len(g) != len(want) {
		t.Fatalf("got %q, want %q", g, want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("request %d: got %q, want %q", i, g[i], want[i])
		}
	}
}

// Under Credentials same-origin, a redirect chain that has been to another
// origin uses no jar when it comes back to the client's: fetch includes
// credentials only while the response tainting is "basic". The other
// origin cannot have alice's session sent to a URL of its choosing, nor
// plant a cookie through the answer.
func TestSameOriginCredentialsRedirectBackSendsNoCookie(t *testing.T) {
	c, _, got := cookieBounce(t)
	res, err := c.Request(context.Background(), client.Option{URL: "/go", Credentials: client.CredentialsSameOrigin,
		Mode: client.ModeCORS, RetryTimes: client.NoRetry})
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%d %v", res.StatusCode, err)
	}
	checkBounce(t, c, got, "/go")
}

// The same when a backup of another origin answers with the redirect.
func TestSameOriginCredentialsBackupRedirectBackSendsNoCookie(t *testing.T) {
	c, other, got := cookieBounce(t)
	res, err := c.Request(context.Background(), client.Option{URL: "/p", Backup: []string{other + "/p"},
		Credentials: client.CredentialsSameOrigin, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%d %v", res.StatusCode, err)
	}
	checkBounce(t, c, got, "/p")
}
