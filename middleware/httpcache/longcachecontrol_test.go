package httpcache_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A long Cache-Control made of quoted strings (the transport takes a
// response header of up to 1 MiB) costs no more than a short one: it was
// parsed in time quadratic in its length, seconds for every parse, several
// parses a response. It is malformed, so not stored: the second request
// goes to the origin again.
func TestLongCacheControlIsNotQuadratic(t *testing.T) {
	for _, cc := range []string{
		strings.Repeat(`no-cache="x",`, 256<<10/13),
		strings.Repeat(`private="a,`, 256<<10/11),
		"max-age=60, " + strings.Repeat(`x="y",`, 256<<10/6),
	} {
		var calls atomic.Int32
		origin := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			calls.Add(1)
			h := http.Header{"Cache-Control": {cc}}
			return &http.Response{StatusCode: http.StatusOK, Header: h, Body: io.NopCloser(bytes.NewReader([]byte("ok"))), Request: r}, nil
		})
		tr := httpcache.New(origin)
		start := time.Now()
		for range 2 {
			req, _ := http.NewRequest("GET", "http://cc.test/x", nil)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		tr.Wait()
		if d := time.Since(start); d > time.Second { // quadratic parsing would take minutes
			t.Errorf("%.16q…: two requests took %v", cc, d)
		}
		if n := calls.Load(); n != 2 {
			t.Errorf("%.16q…: %d calls to the origin, want 2 (not stored)", cc, n)
		}
	}
}
