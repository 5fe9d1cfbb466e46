package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/transports"
)

// Spaces and controls around an Option URL are trimmed as fetch trims them
// (client.CleanURL), so " //alice:pw@evil.test/x" is the scheme-relative
// URL //alice:pw@evil.test/x, userinfo and all: the error, ErrMsg and the
// log record that name the URL as given show no piece of the password,
// whether Mode same-origin refuses it or Mode cors sends it.
func TestSpaceHiddenUserinfoNeverInErrorsOrLogs(t *testing.T) {
	for _, raw := range []string{
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
