package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// The Interceptor's url field was the Option's URL as written: "/feed?…"
// under a base URL, where the layer's records, answered_url and the call's
// errors name the absolute URL, so which origin was called was not said.
// It is now the absolute URL, redacted, as the call's errors name it, on a
// success and on a failure alike; CallURL outside an interceptor is the URL
// as given, redacted.
func TestInterceptorLogsTheAbsoluteURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, path := range []string{"/feed", "/gone"} {
		var buf bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(reqlog.Interceptor(logger)))
		opt := client.Option{URL: path + "?token=s3cr3t-token", RetryTimes: client.NoRetry}
		if path == "/gone" {
			opt.DataCheck = func(r *client.Response) bool { return r.StatusCode == 200 }
		}
		_, _ = c.Request(ctx, opt)
		recs := records(t, &buf)
		if len(recs) != 1 {
			t.Fatalf("%s: %d records, want 1:\n%s", path, len(recs), &buf)
		}
		if want := srv.URL + path + "?token=REDACTED"; recs[0]["url"] != want {
			t.Errorf("%s: url %v, want %s", path, recs[0]["url"], want)
		}
		noSecrets(t, &buf, "s3cr3t-token")
	}
	if got := client.CallURL(context.Background(), "/x?token=s3cr3t-token"); got != "/x?token=REDACTED" {
		t.Errorf("CallURL outside an interceptor: %q", got)
	}
}
