package client_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestJarBoundCountsOnlyKeptCookies: a cookie net/http/cookiejar refuses
// takes no place under the default jar's bounds. A server at an IP address
// answering cookies with a Domain of its own address with a leading dot, or
// a Domain of ".", sets none (cookiejar refuses both); the site's later
// cookies are still kept: the 180 places were not all taken by cookies the
// jar never held.
func TestJarBoundCountsOnlyKeptCookies(t *testing.T) {
	for _, domain := range []string{".127.0.0.1", "."} {
		t.Run(domain, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("refused") != "" {
					for i := 0; i < 200; i++ {
						w.Header().Add("Set-Cookie", fmt.Sprintf("r%d=1; Path=/; Domain=%s", i, domain))
					}
				}
				if r.URL.Query().Get("sid") != "" {
					http.SetCookie(w, &http.Cookie{Name: "sid", Value: "s", Path: "/"})
				}
				_, _ = fmt.Fprint(w, len(r.Cookies()))
			})
			c := client.New()
			call := func(query string) string {
				t.Helper()
				r, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/?" + query, Credentials: client.CredentialsInclude, DataType: "text"})
				if err != nil {
					t.Fatal(err)
				}
				return r.Data.(string)
			}
			if n := call("refused=1") + call(""); n != "00" {
				t.Fatalf("cookies sent after the refused ones: %s, want none", n)
			}
			call("sid=1")
			if n := call(""); n != "1" {
				t.Fatalf("after sid: %s cookies sent, want 1 (the refused cookies took the site's places)", n)
			}
		})
	}
}
