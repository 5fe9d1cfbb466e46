package timeout_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/taroreq/taroreq/middleware/timeout"
)

// The layer bounds each attempt, reading the body included; its error
// matches timeout.ErrExceeded.
func Example() {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	hc := &http.Client{Transport: timeout.New(srv.Client().Transport, timeout.WithTimeout(50*time.Millisecond))}
	_, err := hc.Get(srv.URL + "/slow")
	fmt.Println(errors.Is(err, timeout.ErrExceeded))
	// Output: true
}
