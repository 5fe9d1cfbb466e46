package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// secrets are the parts of the URLs below that no text may show.
var secrets = []string{"alice", "pw-secret", "tok-secret"}

func assertNoSecret(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s holds %q: %s", where, s, text)
		}
	}
}

// TestErrorsBeforeIOHoldNoSecret: every way a request is refused before any
// I/O names its URL without userinfo or token.
func TestErrorsBeforeIOHoldNoSecret(t *testing.T) {
	const u = "https://alice:pw-secret@h.test/x?token=tok-secret&page=2"
	other := client.New(client.WithBaseURL("https://base.test"))
	for name, c := range map[string]struct {
		c   *client.Client
		opt client.Option
	}{
		"method":       {client.New(), client.Option{URL: u, Method: "FETCH"}},
		"cache":        {client.New(), client.Option{URL: u, Cache: "sometimes"}},
		"header":       {client.New(), client.Option{URL: u, Header: http.Header{"X": {"a\r\nb"}}}},
		"mode":         {client.New(), client.Option{URL: u, Mode: "open"}},
		"jsonp POST":   {client.New(), client.Option{URL: u, Method: "POST", JSONP: true}},
		"cross-origin": {other, client.Option{URL: u}},
		"unparsable":   {client.New(), client.Option{URL: "https://alice:pw-secret@h.test/%zz?token=tok-secret"}},
		"scheme":       {client.New(), client.Option{URL: "ftp://alice:pw-secret@h.test/?token=tok-secret"}},
		"backup":       {client.New(), client.Option{URL: "https://h.test/", Backup: []string{"https://alice:pw-secret@h.test/%zz?token=tok-secret"}}},
		"semicolon":    {client.New(), client.Option{URL: "https://h.test/x?a=1;token=tok-secret", Method: "FETCH"}},
	} {
		resp, err := c.c.Request(context.Background(), c.opt)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		assertNoSecret(t, name+": error", err.Error())
		assertNoSecret(t, name+": ErrMsg", resp.ErrMsg)
	}
}

// TestNoSecretInErrorLogOrSpan: a request whose URLs all fail, through
// backup, DataCheck, the slog interceptor and both tracing layers.
func TestNoSecretInErrorLogOrSpan(t *testing.T) {
	down := faultserver.New(t, faultserver.Status(503, ""))
	bad := faultserver.New(t, faultserver.OK(`{"code":1}`))
	withSecrets := func(base, path string) string {
		return strings.Replace(base, "http://", "http://alice:pw-secret@", 1) + path + "?access_token=tok-secret;sig=tok-secret"
	}
	var logs bytes.Buffer
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	c := fastClient(
		client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&logs, nil)))),
		client.WithOuterLayers(tracing.RequestMiddleware(tracing.WithTracerProvider(tp))),
		client.WithInnerLayers(tracing.Middleware(tracing.WithTracerProvider(tp))),
	)
	resp, err := c.Request(context.Background(), client.Option{
		URL: withSecrets(down.URL, "/a"), Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup:    []string{withSecrets(bad.URL, "/b")},
		DataCheck: func(r *client.Response) bool { return false },
	})
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "REDACTED") {
		t.Errorf("error %q: the URLs are not there, redacted", err)
	}
	assertNoSecret(t, "error", err.Error())
	assertNoSecret(t, "ErrMsg", resp.ErrMsg)
	assertNoSecret(t, "log", logs.String())
	spans := sr.Ended()
	if len(spans) < 3 {
		t.Fatalf("%d spans", len(spans))
	}
	for _, s := range spans {
		assertNoSecret(t, "span status", s.Status().Description)
		assertNoSecret(t, "span attributes", fmt.Sprint(s.Attributes()))
		for _, e := range s.Events() {
			assertNoSecret(t, "span event "+e.Name, fmt.Sprint(e.Attributes))
		}
	}
}

// A non-2xx answer's StatusError, from Response.OK and from a typed call,
// names the URL without userinfo or token.
func TestStatusErrorHoldsNoSecret(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"missing"}`)
	})
	u := strings.Replace(srv.URL, "http://", "http://alice:pw-secret@", 1) + "/x?token=tok-secret&page=2"
	c := client.New()
	resp, err := c.Request(context.Background(), client.Option{URL: u})
	if err != nil {
		t.Fatal(err)
	}
	okErr := resp.OK()
	if okErr == nil || !strings.Contains(okErr.Error(), "/x") {
		t.Fatalf("OK() = %v, want a StatusError naming the URL", okErr)
	}
	assertNoSecret(t, "Response.OK()", okErr.Error())
	_, err = client.Do[map[string]any](context.Background(), c, client.Option{URL: u})
	var se *client.StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusNotFound {
		t.Fatalf("Do: %v, want a StatusError 404", err)
	}
	assertNoSecret(t, "Do's error", err.Error())
	assertNoSecret(t, "StatusError.URL", se.URL)
}
