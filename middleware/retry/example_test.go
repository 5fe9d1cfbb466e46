package retry_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/taroreq/taroreq/middleware/retry"
)

// The layer in a plain http.Client: two 503s, then an answer. WithSleep
// makes the example quick; leave it out for the real backoff.
func Example() {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n++; n < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: retry.New(srv.Client().Transport, retry.WithRetryTimes(2),
		retry.WithSleep(func(context.Context, time.Duration) error { return nil }))}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, "after", n, "attempts")
	// Output: 200 after 3 attempts
}
