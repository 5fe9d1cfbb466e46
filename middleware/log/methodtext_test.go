package reqlog_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// The layer logged a request's method as written: a method net/http
// refuses to send ("GET tok", a token pasted into a hand-built Request's
// Method), which no server sees, went whole into the record's method (its
// error was redacted). It is named as the client's errors name it.
func TestLayerLogsAnUnsendableMethodWithoutItsSecret(t *testing.T) {
	const secret = "LOGMETHODSECRET"
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	var buf bytes.Buffer
	hc := &http.Client{Transport: reqlog.New(nil, slog.New(slog.NewJSONHandler(&buf, nil)))}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Method = "GET " + secret
	if resp, err := hc.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("net/http sent it")
	}
	req, _ = http.NewRequest("PURGE", srv.URL, nil)
	if resp, err := hc.Do(req); err == nil {
		resp.Body.Close()
	}
	if strings.Count(buf.String(), "\n") != 2 || strings.Contains(buf.String(), secret) || !strings.Contains(buf.String(), `"method":"PURGE"`) {
		t.Errorf("want two records, no secret, PURGE as sent:\n%s", buf.String())
	}
}
