package reqlog_test

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
