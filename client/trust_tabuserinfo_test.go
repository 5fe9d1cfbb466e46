package client_test

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
	"github.com/taroreq/taroreq/transports"
)

// A tab or newline inside the "//" of an Option URL is removed as fetch
// removes it, and spaces and controls around it are trimmed (CleanURL), so
// "/\t/alice:pw@evil.test/x" and " //alice:pw@evil.test/x" are the
// scheme-relative URL //alice:pw@evil.test/x, userinfo and all: the error,
// ErrMsg and the log record that name the URL as given show no piece of the
// password, whether Mode same-origin refuses it or Mode cors sends it.
func TestTabHiddenUserinfoNeverInErrorsOrLogs(t *testing.T) {
	for _, raw := range []string{
		"/\t/alice:pa55w0rd@evil.test/x",
		"/\n/alice:pa55w0rd@evil.test/x",
		"/\r\n/alice:pa55w0rd@evil.test/x?q=1",
		"http:/\t/alice:pa55w0rd@evil.test/x",
		"/\t/alice:pa55w0rd@evil.test/%zz",
		" //alice:pa55w0rd@evil.test/x",
		"\x01 //alice:pa55w0rd@evil.test/x",
		"  //alice:pa55w0rd@evil.test/x?q=1 ",
		"\v/\t/alice:pa55w0rd@evil.test/x",
	} {
		for _, m := range []client.Mode{client.ModeSameOrigin, client.ModeCORS} {
			var logbuf bytes.Buffer
			lg := slog.New(slog.NewTextHandler(&logbuf, nil))
			c := client.New(client.WithBaseURL("http://a.test/api"), client.WithTransport(transports.NewScripted()),
				client.WithInterceptors(reqlog.Interceptor(lg)))
			resp, err := c.Request(context.Background(), client.Option{URL: raw, Mode: m, RetryTimes: client.NoRetry})
			if err == nil {
				t.Fatalf("%q, %s: no error", raw, m)
			}
			for what, text := range map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg, "log": logbuf.String()} {
				if strings.Contains(text, "pa55") || strings.Contains(text, "alice") {
					t.Errorf("%q, %s, %s: %s", raw, m, what, text)
				}
			}
		}
	}
}

// A Location with a tab inside its "//" (a header value may hold one) is
// refused by net/url, whose error quotes it, the tab escaped: "/\t/alice:pw@
// evil.test/x", which a browser reads as //alice:pw@evil.test/x. The error,
// ErrMsg and the log record name it without its userinfo.
func TestTabHiddenLocationUserinfoNeverInErrorsOrLogs(t *testing.T) {
	for _, loc := range []string{
		"/\t/alice:pa55w0rd@evil.test/x",
		"/\t\t/alice:pa55w0rd@evil.test/x?q=1",
		"http:/\t/alice:pa55w0rd@evil.test/x",
		"\\\t/alice:pa55w0rd@evil.test/x",
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Location"] = []string{loc}
			w.WriteHeader(http.StatusFound)
		}))
		for _, m := range []client.Mode{client.ModeSameOrigin, client.ModeCORS} {
			var logbuf bytes.Buffer
			lg := slog.New(slog.NewTextHandler(&logbuf, nil))
			c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(reqlog.Interceptor(lg)))
			resp, err := c.Request(context.Background(), client.Option{URL: "/", Mode: m, RetryTimes: client.NoRetry})
			if err == nil {
				t.Fatalf("%q, %s: no error (status %d)", loc, m, resp.StatusCode)
			}
			for what, text := range map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg, "log": logbuf.String()} {
				if strings.Contains(text, "pa55") || strings.Contains(text, "alice") {
					t.Errorf("%q, %s, %s: %s", loc, m, what, text)
				}
			}
		}
		srv.Close()
	}
}
