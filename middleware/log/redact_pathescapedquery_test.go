package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A backup URL whose path holds a query escaped as url.PathEscape writes
// it ("/m%3Faccess_token=…": its '?' escaped, its '=' and '&' not), which
// a server that decodes the path reads as a secret parameter, was logged,
// and quoted in the error and ErrMsg, with its secret in clear: the
// redaction wanted the '=' escaped too. Its value is REDACTED now, a
// parameter after a literal '&' and a name with an escaped letter too.
func TestLogRedactsASecretOfAQueryPathEscapedIntoABackupURL(t *testing.T) {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() // refuses: the error quotes the URL
	ln.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(client.WithBaseURL(primary.URL),
		client.WithInterceptors(reqlog.Interceptor(logger)), client.WithInnerLayers(reqlog.Middleware(logger)))
	resp, err := c.Request(context.Background(), client.Option{URL: "/feed", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup: []string{
			closed + "/m" + url.PathEscape("?access_token=SECRET-PE-1"),
			closed + "/m" + url.PathEscape("?page=1&api_key=SECRET-PE-2"),
			closed + "/m%3F%61ccess_token=SECRET-PE-3",
		}})
	if err == nil {
		t.Fatal("want an error")
	}
	for what, text := range map[string]string{"log": buf.String(), "ErrMsg": resp.ErrMsg, "err": err.Error()} {
		for _, s := range []string{"SECRET-PE-1", "SECRET-PE-2", "SECRET-PE-3"} {
			if strings.Contains(text, s) {
				t.Errorf("%s holds %s:\n%s", what, s, text)
			}
		}
	}
	if !strings.Contains(buf.String(), "m%3Faccess_token=REDACTED") {
		t.Errorf("the log does not show the backup's URL redacted:\n%s", buf.String())
	}
}
