package retry_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

// net/http resends an idempotent request, or one with an Idempotency-Key,
// when the kept-alive connection it reused fails after writing it. With no
// retry left, the server must get the request once, as asked, and the
// caller the error.
func TestLastAttemptIsNotResentByTheTransport(t *testing.T) {
	srv := faultserver.New(t, faultserver.ResetReused("{}"))
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: retry.New(tr, retry.WithRetryTimes(0))}
	for _, c := range []struct {
		method string
		header http.Header
		body   string
	}{
		{"GET", nil, ""},
		{"HEAD", nil, ""},
		{"OPTIONS", nil, ""},
		{"POST", http.Header{"Idempotency-Key": {"k1"}}, "payload"},
		{"GET", http.Header{"X-Idempotency-Key": {"k2"}}, ""},
	} {
		warm, err := hc.Get(srv.URL) // leaves one idle kept-alive connection
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, warm.Body) // read whole: the connection goes back to the pool
		warm.Body.Close()
		before := srv.Count()
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		req, _ := http.NewRequest(c.method, srv.URL, body)
		for k, v := range c.header {
			req.Header[k] = v
		}
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if n := srv.Count() - before; n != 1 || err == nil {
			t.Errorf("%s %v: the server got the request %d times with no retry left, err %v; want once, and the error",
				c.method, c.header, n, err)
		}
	}
}
