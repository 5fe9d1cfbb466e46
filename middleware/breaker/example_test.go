package breaker_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// After two failures in a row the origin's circuit opens: the third request
// fails at once with breaker.ErrOpen, and the server never sees it.
func Example() {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits++
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	hc := &http.Client{Transport: breaker.New(srv.Client().Transport, breaker.WithThreshold(2))}
	for range 3 {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			fmt.Println("open:", errors.Is(err, breaker.ErrOpen))
			continue
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	fmt.Println("server hits:", hits)
	// Output:
	// 502
	// 502
	// open: true
	// server hits: 2
}
