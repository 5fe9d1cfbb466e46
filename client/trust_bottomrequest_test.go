package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

// bareTransport is net/http's transport behind a wrapper that answers
// without the Request it was sent (a fake or a wrapper that builds its own
// response, as the RoundTripper contract lets it): the backup layer's mark
// on a backup's request must not depend on what the transport hands back.
func bareTransport() http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(req)
		if resp != nil {
			resp.Request = nil
		}
		return resp, err
	})
}

// A backup of another origin that redirects to the primary's origin does
// not have the caller's credential headers sent there, whatever the
// transport sets as the answer's Request, with the default layers or none.
func TestBackupRedirectBackCarriesNoCredentialsOverAnyTransport(t *testing.T) {
	for _, bare := range []bool{false, true} {
		primary, bu, got := backupRedirectBack(t)
		opts := []client.ClientOption{client.WithTransport(bareTransport())}
		if bare {
			opts = append(opts, client.WithLayers(backup.Middleware())) // the backup layer alone
		}
		c := client.New(opts...)
		_, err := c.Request(context.Background(), client.Option{URL: primary + "/p", Backup: []string{bu + "/p"},
			Header:     http.Header{"Authorization": {"Bearer alice"}, "X-Api-Key": {"k"}},
			RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if err != nil {
			t.Fatal(err)
		}
		g := got()
		if len(g) == 0 || g[len(g)-1] != "primary /admin/delete []" {
			t.Errorf("bare layers %v: got %q, want the last request to /admin/delete without credentials", bare, g)
		}
	}
}

// Under Credentials same-origin, the jar is not used when the chain comes
// back to the client's origin from a backup of another, whatever the
// transport sets as the answer's Request.
func TestSameOriginBackupRedirectBackSendsNoCookieOverAnyTransport(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" ["+r.Header.Get("Cookie")+"]")
		mu.Unlock()
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "alice", Path: "/"})
		case "/p":
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer home.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, home.URL+"/admin/delete", http.StatusFound)
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL(home.URL), client.WithTransport(bareTransport()))
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsSameOrigin}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: "/p", Backup: []string{other.URL + "/p"},
		Credentials: client.CredentialsSameOrigin, Mode: client.ModeCORS, RetryTimes: client.NoRetry}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"/login []", "/p [sid=alice]", "/admin/delete []"}
	if len(seen) != len(want) || seen[0] != want[0] || seen[1] != want[1] || seen[2] != want[2] {
		t.Errorf("got %q, want %q", seen, want)
	}
}
