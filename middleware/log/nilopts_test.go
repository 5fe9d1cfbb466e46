package reqlog_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// TestNilOptions: a nil Option means the default, and a nil logger
// slog.Default(): the record is still written.
func TestNilOptions(t *testing.T) {
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, nil)))
	defer slog.SetDefault(prev)
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`"ok"`)), Request: r}, nil
	})
	c := client.New(client.WithTransport(base), client.WithLayers(reqlog.Middleware(nil, nil)),
		client.WithInterceptors(reqlog.Interceptor(nil, nil)))
	if _, err := c.Request(context.Background(), client.Option{URL: "http://stub.test/"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"msg":"taroreq attempt"`) || !strings.Contains(buf.String(), `"msg":"taroreq request"`) {
		t.Errorf("records: %s", buf.String())
	}
}

// TestEmptyMessageIsTheDefault: WithMessage("") is the default message, as
// the zero value of every option is its default; it wrote records with no
// message at all.
func TestEmptyMessageIsTheDefault(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`"ok"`)), Request: r}, nil
	})
	c := client.New(client.WithTransport(base), client.WithLayers(reqlog.Middleware(l, reqlog.WithMessage(""))),
		client.WithInterceptors(reqlog.Interceptor(l, reqlog.WithMessage(""))))
	if _, err := c.Request(context.Background(), client.Option{URL: "http://stub.test/"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"msg":"taroreq attempt"`) || !strings.Contains(buf.String(), `"msg":"taroreq request"`) {
		t.Errorf("records: %s", buf.String())
	}
}
