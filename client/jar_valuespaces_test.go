package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Set-Cookie with spaces around its value ("sid= abc ") is read as a
// browser reads it (RFC 6265bis §5.6: whitespace around the name and the
// value removed): the jar sends sid=abc back. net/http keeps the spaces and
// then sends sid=" abc", quoted, which a server that does not strip quotes
// (PHP's session id, a hand-written parser) takes for another session. A
// quoted value keeps its quotes and what is inside them, as in a browser.
func TestJarTrimsSpacesAroundACookieValue(t *testing.T) {
	var mu sync.Mutex
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			w.Header().Add("Set-Cookie", "sid= abc ; Path=/")
			w.Header().Add("Set-Cookie", `q=" in "`)
			w.Header().Add("Set-Cookie", "plain=p")
			return
		}
		mu.Lock()
		sent = append(sent, r.Header.Values("Cookie")...)
		mu.Unlock()
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()
	opt := client.Option{Credentials: client.CredentialsInclude, Timeout: 2 * time.Second, RetryTimes: client.NoRetry}
	opt.URL = "/login"
	if _, err := c.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	opt.URL = "/me"
	if _, err := c.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := `sid=abc; q=" in "; plain=p`
	if len(sent) != 1 || sent[0] != want {
		t.Fatalf("Cookie sent: %q, want [%q]", sent, want)
	}
}
