package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A DataCheck's Response had no Cookies where the caller's Response of the
// same answer lists its Set-Cookie lines: a check that wants the session
// the server handed out (a login answer) saw none, though its Header held
// the lines. It gets them as the caller does. Found reading the checker
// for its FromCache (TestDataCheckSeesFromCache).
func TestDataCheckSeesCookies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/"})
		w.Header().Add("Set-Cookie", "=v") // a line that does not parse: in Header, not in Cookies
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	var seen []*http.Cookie
	resp, err := c.Request(context.Background(), client.Option{URL: "/login", DataCheck: func(r *client.Response) bool {
		seen = r.Cookies
		return true
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Cookies) != 1 || resp.Cookies[0].Name != "session" {
		t.Fatalf("the caller's Cookies %v, want the session cookie", resp.Cookies)
	}
	if len(seen) != 1 || seen[0].Name != "session" || seen[0].Value != "s1" {
		t.Errorf("the check saw Cookies %v, want the caller's %v", seen, resp.Cookies)
	}
}
