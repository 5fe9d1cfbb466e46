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

// TestWithHeadersRedactsSecretNames: what the package doc says of
// WithHeaders: besides Authorization, Cookie, Set-Cookie and
// Proxy-Authorization, the values of headers with a secret-looking name, in
// the request (X-Api-Key) and the response (X-Session-Token), and of the
// client's WithCredentialHeaders names are written as REDACTED, by the
// interceptor and the layer alike; other headers are logged as they are.
func TestWithHeadersRedactsSecretNames(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Session-Token", "resp-secret")
		w.Header().Set("X-Plain", "resp-plain")
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(
		client.WithInterceptors(reqlog.Interceptor(l, reqlog.WithHeaders())),
		client.WithInnerLayers(reqlog.Middleware(l, reqlog.WithHeaders())),
		client.WithCredentialHeaders("X-Tenant"))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Header: http.Header{
		"X-Api-Key": {"key-secret"}, "X-Tenant": {"tenant-secret"}, "X-Request-Id": {"req-plain"}}})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Count(out, "\n") != 2 {
		t.Fatalf("want two records (request, attempt):\n%s", out)
	}
	if strings.Contains(out, "secret") {
		t.Errorf("a secret was logged:\n%s", out)
	}
	for _, want := range []string{"header.X-Api-Key=REDACTED", "header.X-Tenant=REDACTED",
		"response_header.X-Session-Token=REDACTED", "req-plain", "resp-plain"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}
