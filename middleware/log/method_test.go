package reqlog_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// An unknown Option.Method is never logged whole, whatever error the call
// fails with first (an invalid URL, a same-origin refusal) or when an inner
// interceptor replaced it.
func TestInterceptorNeverLogsAnUnknownMethodWhole(t *testing.T) {
	var buf bytes.Buffer
	m := "BREW\r\nX-Forged: 1" + strings.Repeat("A", 5000)
	fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		opt.Method = "GET"
		return proceed(ctx, opt)
	}
	for _, tc := range []struct {
		name string
		c    *client.Client
		url  string
	}{
		{"bad URL", client.New(client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil))))), "http://[::1"},
		{"fixed inside", client.New(client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil))), fix)), "http://127.0.0.1:1/x"},
	} {
		buf.Reset()
		_, err := tc.c.Request(context.Background(), client.Option{URL: tc.url, Method: m})
		t.Logf("%s: %v", tc.name, err)
		if strings.Contains(buf.String(), strings.Repeat("A", 100)) || buf.Len() > 2000 {
			t.Fatalf("%s: the record holds the method whole (%d bytes)", tc.name, buf.Len())
		}
	}
}

// An unknown Option.Method is named in the record as the error names it
// (quoted, cut to 64 bytes): the interceptor's method attribute held the
// caller's text whole, a CR/LF and a megabyte of it included.
func TestInterceptorNamesAnUnknownMethodAsTheErrorDoes(t *testing.T) {
	var buf bytes.Buffer
	c := client.New(client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil)))))
	m := "BREW\r\nX-Forged: 1" + strings.Repeat("A", 5000)
	_, err := c.Request(context.Background(), client.Option{URL: "http://127.0.0.1:1/x", Method: m})
	var ce *client.Error
	if !errors.Is(err, client.ErrInvalidMethod) || !errors.As(err, &ce) {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(buf.String(), strings.Repeat("A", 100)) {
		t.Fatalf("the record holds the method whole (%d bytes)", buf.Len())
	}
	if buf.Len() > 2000 {
		t.Fatalf("record of %d bytes", buf.Len())
	}
	// A known method, lowercase, as it is sent.
	buf.Reset()
	_, _ = c.Request(context.Background(), client.Option{URL: "http://127.0.0.1:1/x", Method: "patch"})
	if !strings.Contains(buf.String(), `"method":"PATCH"`) {
		t.Fatalf("record: %s", buf.String())
	}
}
