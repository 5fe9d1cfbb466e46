package reqlog_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A servlet container keeps the session in the path (";jsessionid=<id>")
// of the URL it redirects to: neither the Location header nor the URL of
// the hop, in the layer's or the interceptor's record, holds the id.
func TestLogRedactsASessionInAPathParameter(t *testing.T) {
	const sid = "S3SSION-IN-PATH"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			w.Header().Set("Location", "/app/home;jsessionid="+sid+"?tab=1")
			w.WriteHeader(http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithBaseURL(srv.URL),
		client.WithInterceptors(reqlog.Interceptor(logger)),
		client.WithInnerLayers(reqlog.Middleware(logger, reqlog.WithHeaders())))
	if _, err := c.Request(context.Background(), client.Option{URL: "/login", RetryTimes: client.NoRetry}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), sid) {
		t.Errorf("the session id is in the log:\n%s", &buf)
	}
	if !strings.Contains(buf.String(), "jsessionid=REDACTED") {
		t.Errorf("no record names the URL with jsessionid=REDACTED:\n%s", &buf)
	}
}
