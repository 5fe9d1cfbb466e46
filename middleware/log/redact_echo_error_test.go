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

// TestErrorRedactsEchoedCredentials: an attempt's error may quote the
// server's words (a header line net/http refuses, a control byte in it):
// the credentials it echoes there under a name no rule knows (the API key,
// the URL's ?access_token=) are logged REDACTED, with or without
// WithHeaders.
func TestErrorRedactsEchoedCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Echo: key=" + r.Header.Get("X-Api-Key") + " q=" +
			r.URL.Query().Get("access_token") + "\x01\r\n\r\n")
		buf.Flush()
	}))
	defer srv.Close()
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(client.WithInnerLayers(reqlog.Middleware(l)))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "?access_token=query-secret-2", RetryTimes: client.NoRetry,
		Header: http.Header{"X-Api-Key": {"key-secret-1"}}}); err == nil {
		t.Fatal("the refused line did not fail the call: the test tests nothing")
	}
	out := buf.String()
	if strings.Contains(out, "secret") {
		t.Errorf("an echoed credential was logged:\n%s", out)
	}
	if !strings.Contains(out, "X-Echo: key=") {
		t.Errorf("no refused line logged:\n%s", out)
	}
}
