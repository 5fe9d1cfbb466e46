package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// README (Composing middleware): reqlog.Interceptor writes one record once
// the call has ended, without bodies: neither the request's data nor the
// answer's body is logged, with headers or without.
func TestReadmeInterceptorLogsNoBodies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"answer":"answerbodytext"}`))
	}))
	defer srv.Close()
	for _, opts := range [][]reqlog.Option{nil, {reqlog.WithHeaders()}} {
		var buf bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var before int
		c := client.New(client.WithInterceptors(reqlog.Interceptor(logger, opts...)))
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
			Data:    map[string]string{"note": "requestbodytext"},
			Success: func(*client.Response) { before = len(records(t, &buf)) }})
		if err != nil || resp.StatusCode != 200 {
			t.Fatal(err)
		}
		noSecrets(t, &buf, "requestbodytext", "answerbodytext")
		if n := len(records(t, &buf)); n != 1 {
			t.Fatalf("%d records, want 1:\n%s", n, &buf)
		}
		if before != 1 {
			t.Errorf("%d records when Success ran, want the one written as the call ended", before)
		}
	}
}
