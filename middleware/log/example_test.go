package reqlog_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// The interceptor writes one record per request; the token in the query and
// the Authorization header never reach the log. Time and duration are
// dropped here so that the output is the same on every run.
func ExampleInterceptor() {
	handler := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{}
			}
			return a
		},
	})
	// A stand-in for the network.
	api := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"items":[]}`)), Request: r}, nil
	})
	c := client.New(client.WithTransport(api), client.WithInterceptors(
		reqlog.TimeoutInterceptor(5*time.Second),
		reqlog.Interceptor(slog.New(handler), reqlog.WithHeaders())))
	_, _ = c.Request(context.Background(), client.Option{
		URL:    "https://api.example.com/items?page=2&access_token=s3cr3t",
		Header: http.Header{"Authorization": {"Bearer s3cr3t"}},
	})
	// Output:
	// {"level":"INFO","msg":"taroreq request","method":"GET","url":"https://api.example.com/items?page=2&access_token=REDACTED","status":200,"attempts":1,"answered_url":"https://api.example.com/items?page=2&access_token=REDACTED","from_store":false,"from_cache":false,"header":{"Authorization":"REDACTED"}}
}
