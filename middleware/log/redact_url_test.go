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

// An origin's redirect names a Location net/http cannot parse, with a
// PHP/Rails-style bracketed secret parameter. The secret is quoted in the
// error net/http returns; the log record, the Response's ErrMsg and the
// error text are to carry it REDACTED, as they do for access_token=.
func TestLogRedactsABracketedSecretQuotedFromALocation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Location"] = []string{"/cb%zz?access_token[]=SECRET-LOC-1&user[password]=SECRET-LOC-2"}
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(reqlog.Interceptor(logger)))
	resp, err := c.Request(context.Background(), client.Option{URL: "/login", RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatal("want an error")
	}
	for what, text := range map[string]string{"log": buf.String(), "ErrMsg": resp.ErrMsg, "err": err.Error()} {
		for _, s := range []string{"SECRET-LOC-1", "SECRET-LOC-2"} {
			if strings.Contains(text, s) {
				t.Errorf("%s holds %s:\n%s", what, s, text)
			}
		}
	}
}

// A query field whose value is JSON with a secret member is REDACTED in the
// layer's url and the interceptor's answered_url, a ';' or a bare '%' in
// the JSON included.
func TestLogRedactsNestedSecretQueryFields(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithBaseURL(srv.URL),
		client.WithInterceptors(reqlog.Interceptor(logger)),
		client.WithInnerLayers(reqlog.Middleware(logger)))
	for _, data := range []any{
		map[string]any{"filter": map[string]any{"api_key": "SEKRET-MAP"}},
		`filter={"api_key":"SEKRET-SEMI","sort":"name;desc"}`,
		`filter={"api_key":"SEKRET-PCT","discount":"10%"}`,
	} {
		if _, err := c.Request(context.Background(), client.Option{URL: "/search", Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("filter=REDACTED")) {
		t.Fatalf("no redacted field in the log:\n%s", buf.String())
	}
	noSecrets(t, &buf, "SEKRET-MAP", "SEKRET-SEMI", "SEKRET-PCT")
}

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
