package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/transports"
)

// tenantOrigin echoes the X-Workspace it gets in its answer's X-Workspace.
func tenantOrigin(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Workspace", "echo-"+r.Header.Get("X-Workspace"))
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Names added with WithCredentialHeaders are redacted in log records, the
// interceptor's and the layer's, request and response headers alike.
func TestLogRedactsClientCredentialHeaders(t *testing.T) {
	const secret = "tenant-s3cret"
	srv := tenantOrigin(t)
	var logs bytes.Buffer
	l := slog.New(slog.NewTextHandler(&logs, nil))
	c := client.New(client.WithBaseURL(srv.URL), client.WithCredentialHeaders("X-Workspace"),
		client.WithInterceptors(reqlog.Interceptor(l, reqlog.WithHeaders())),
		client.WithInnerLayers(reqlog.Middleware(l, reqlog.WithHeaders())))
	if _, err := c.Request(context.Background(), client.Option{URL: "/x", Header: http.Header{"X-Workspace": {secret}}}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), secret) || strings.Count(logs.String(), "REDACTED") < 3 {
		t.Errorf("the log does not redact X-Workspace (request twice, response once):\n%s", logs.String())
	}
}

// The same in a recording.
func TestRecorderRedactsClientCredentialHeaders(t *testing.T) {
	const secret = "tenant-s3cret"
	srv := tenantOrigin(t)
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(rec), client.WithCredentialHeaders("X-Workspace"))
	if _, err := c.Request(context.Background(), client.Option{URL: "/x", Header: http.Header{"X-Workspace": {secret}}}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatal("nothing recorded")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), secret) || !strings.Contains(string(b), "REDACTED") {
			t.Errorf("recording %s: %s", filepath.Base(f), b)
		}
	}
}
