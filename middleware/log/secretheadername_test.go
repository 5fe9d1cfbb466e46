package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A header line pasted whole as a name ("Authorization: Bearer …") is
// refused before any I/O, and the error's text redacts it; but WithHeaders
// logged the name as the attribute's key, token and all, in the
// interceptor's record and in the layer's under a plain http.Client (a
// name of WithRedactedHeaders too). Nor may a name given with its value
// after another separator than a colon ("X-Custom tok", "X-Api-Key=tok"),
// which the text redaction does not read as a header line.
func TestWithHeadersRedactsASecretInAnInvalidName(t *testing.T) {
	const secret = "NAMESECRET"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer srv.Close()
	for _, name := range []string{"Authorization: Bearer " + secret, "X-Api-Key:" + secret, "Cookie: sid=" + secret, "X-Custom: " + secret,
		"X-Custom " + secret, "X-Api-Key=" + secret, "Token " + secret} {
		var buf bytes.Buffer
		l := slog.New(slog.NewJSONHandler(&buf, nil))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c := client.New(client.WithInterceptors(reqlog.Interceptor(l, reqlog.WithHeaders(), reqlog.WithRedactedHeaders("X-Custom"))))
		if _, err := c.Request(ctx, client.Option{URL: srv.URL, Header: http.Header{name: {"x"}}}); err == nil {
			t.Fatalf("%q: an invalid name was sent", name)
		}
		hc := &http.Client{Transport: reqlog.New(nil, l, reqlog.WithHeaders(), reqlog.WithRedactedHeaders("X-Custom"))}
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
		req.Header[name] = []string{"x"}
		if resp, err := hc.Do(req); err == nil {
			resp.Body.Close()
			t.Fatalf("%q: net/http sent an invalid name", name)
		}
		cancel()
		if strings.Count(buf.String(), "\n") != 2 {
			t.Fatalf("want two records:\n%s", buf.String())
		}
		if strings.Contains(buf.String(), secret) {
			t.Errorf("%q logged:\n%s", name, buf.String())
		}
	}
}
