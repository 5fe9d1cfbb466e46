package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// cutBodyServer answers 200 with a Content-Length of 100, sends 10 bytes of
// the body and closes the connection, as toxiproxy's limit_data does.
func cutBodyServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv
}

// WithFailure replaces what counts as a failure: a body cut short is judged
// by it as an error before the body is, not always counted. The circuit of a
// caller whose rule counts no error stays closed; the default rule still
// trips it.
func TestWithFailureJudgesABodyThatBreaks(t *testing.T) {
	srv := cutBodyServer(t)
	var asked atomic.Int32
	never := func(*http.Response, error) bool { asked.Add(1); return false }
	for _, tc := range []struct {
		name  string
		opts  []breaker.Option
		trips bool
	}{
		{"WithFailure counting nothing", []breaker.Option{breaker.WithFailure(never)}, false},
		{"default", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]breaker.Option{breaker.WithThreshold(1), breaker.WithOpenTimeout(time.Minute)}, tc.opts...)
			hc := &http.Client{Transport: breaker.New(nil, opts...), Timeout: 5 * time.Second}
			resp, err := hc.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.ReadAll(resp.Body); err == nil {
				t.Fatal("the cut body read whole")
			}
			resp.Body.Close()
			resp, err = hc.Get(srv.URL)
			if resp != nil {
				resp.Body.Close()
			}
			if tripped := errors.Is(err, breaker.ErrOpen); tripped != tc.trips {
				t.Fatalf("circuit open after a cut body: %v, want %v (err %v)", tripped, tc.trips, err)
			}
		})
	}
	if asked.Load() == 0 {
		t.Error("WithFailure's function was never asked about the cut body")
	}
}
