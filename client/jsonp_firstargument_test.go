package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// TestJSONPCallOfCodeFailsOver: go-httpbin's /base64/{data}?content-type=
// application/javascript HTML-escapes a body it deems dangerous, so the
// JSONP answer cb({"a":1}) comes as cb({&#34;a&#34;:1}): a SyntaxError in
// a browser, which never calls the callback, and Taro's jsonp-retry fails
// the attempt and tries the backup. The README's JSONP row says so (the
// arguments must be JSON values, an identifier among them is refused). The
// call must not end request:ok with no data; the backup answers.
func TestJSONPCallOfCodeFailsOver(t *testing.T) {
	for _, body := range []string{`cb({&#34;a&#34;:1});`, `cb(evil)`, `cb(location.href = "x")`, `cb(1+1)`, `cb(, 2)`} {
		t.Run(body, func(t *testing.T) {
			var primary atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/javascript")
				if r.URL.Path == "/backup" {
					_, _ = w.Write([]byte(r.URL.Query().Get("callback") + `({"a":1})`))
					return
				}
				primary.Add(1)
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			c := client.New(client.WithBaseURL(srv.URL))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			resp, err := c.Request(ctx, client.Option{URL: "/x", JSONPCallback: "cb", RetryTimes: client.NoRetry, Backup: []string{"/backup"}})
			if err != nil {
				t.Fatalf("the backup answers: %v", err)
			}
			if m, _ := resp.Data.(map[string]any); m["a"] != 1.0 || primary.Load() != 1 {
				t.Fatalf("data %v from %s after %d primary hit(s); want the backup's {a:1} after 1", resp.Data, resp.URL, primary.Load())
			}
			_, err = encoders.UnwrapJSONP([]byte(body), "cb")
			if !errors.Is(err, encoders.ErrJSONP) {
				t.Fatalf("UnwrapJSONP(%q): %v; want ErrJSONP", body, err)
			}
		})
	}
	// A call without arguments gives the callback nothing, as before.
	if got, err := encoders.UnwrapJSONP([]byte(`cb();`), "cb"); err != nil || len(got) != 0 {
		t.Fatalf("cb(): %q, %v; want no data, no error", got, err)
	}
}
