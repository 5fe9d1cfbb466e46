package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// TestWithHeadersRedactsEchoedJarCookies: the layer among a client's inner
// layers is above the client's jar, which adds its cookies below it: a
// response header echoing a cookie the jar sent (a session set at login)
// under a name no rule knows is logged with its value REDACTED too, as one
// the caller set in Header is.
func TestWithHeadersRedactsEchoedJarCookies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "jar-session-secret-1", Path: "/"})
			return
		}
		c, _ := r.Cookie("sid")
		if c == nil {
			w.Header().Set("X-Echo", "none")
			return
		}
		w.Header().Set("X-Echo", "ck="+c.Value)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(reqlog.Middleware(l, reqlog.WithHeaders())))
	for _, path := range []string{"/login", "/me"} {
		if _, err := c.Request(context.Background(), client.Option{URL: path, DataType: "text", Credentials: client.CredentialsInclude}); err != nil {
			t.Fatal(err)
		}
	}
	out := buf.String()
	if strings.Contains(out, "X-Echo=none") || !strings.Contains(out, "X-Echo") {
		t.Fatalf("the jar sent no cookie, or no echo was logged: the test tests nothing:\n%s", out)
	}
	if strings.Contains(out, "jar-session-secret-1") && strings.Contains(out, "ck=jar") {
		t.Errorf("an echoed jar cookie was logged:\n%s", out)
	}
}
