// Command customstack picks taroreq layers for a plain http.Client: retry
// over a per-attempt timeout, against an embedded server that fails twice
// before it answers.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "customstack:", err)
		os.Exit(1)
	}
}

func run(out io.Writer) error {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "hello from attempt 3")
	}))
	defer srv.Close()

	hc := &http.Client{Transport: middleware.Chain(nil,
		retry.Middleware(retry.WithRetryTimes(3),
			retry.WithBackoff(retryablehttp.DefaultBackoff, 10*time.Millisecond, 100*time.Millisecond)),
		timeout.Middleware(timeout.WithTimeout(time.Second)),
	)}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "status %d after %d attempts: %s\n", resp.StatusCode, calls.Load(), body)
	return nil
}
