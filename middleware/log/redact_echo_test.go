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

// TestWithHeadersRedactsEchoedCredentials: a response header that echoes
// what the request sent under a name no rule knows (a debug header quoting
// the API key, a WithCredentialHeaders value, a cookie's value, the URL's
// ?access_token=) is logged
// with those values REDACTED, the rest of it as it is.
func TestWithHeadersRedactsEchoedCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, ck, _ := strings.Cut(r.Header.Get("Cookie"), "=")
		w.Header().Set("X-Echo", "key="+r.Header.Get("X-Api-Key")+" ws="+r.Header.Get("X-Workspace")+" ck="+ck+" qt="+r.URL.Query().Get("access_token"))
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(client.WithInnerLayers(reqlog.Middleware(l, reqlog.WithHeaders())), client.WithCredentialHeaders("X-Workspace"))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL + "?access_token=query-secret-4", Header: http.Header{
		"X-Api-Key": {"key-secret-1"}, "X-Workspace": {"tenant-secret-2"}, "Cookie": {"sid=cookie-secret-3"}}})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "secret") {
		t.Errorf("an echoed credential was logged:\n%s", out)
	}
	if !strings.Contains(out, "key=REDACTED") {
		t.Errorf("no echo header logged:\n%s", out)
	}
}
