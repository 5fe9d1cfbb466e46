package oteltaroreq_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// TestNilOptions: nil Options, and a nil observer for BreakerState, mean the
// default.
func TestNilOptions(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`"ok"`)), Request: r}, nil
	})
	opts := []client.ClientOption{oteltaroreq.Instrument(nil, oteltaroreq.WithTracerProvider(nil), oteltaroreq.WithMeterProvider(nil), oteltaroreq.WithPropagators(nil)),
		client.WithTransport(base), oteltaroreq.BreakerState(nil, nil), oteltaroreq.Instrument(nil)}
	resp, err := client.New(opts...).Request(context.Background(), client.Option{URL: "http://stub.test/"})
	if err != nil || resp.Data != "ok" {
		t.Fatalf("resp %+v err %v", resp, err)
	}
}
