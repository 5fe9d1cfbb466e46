package transports_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

func TestErrorFailsEveryRequest(t *testing.T) {
	rt := transports.Error(syscall.ECONNREFUSED)
	for _, m := range []string{"GET", "POST", "HEAD"} {
		body := &trackedBody{Reader: strings.NewReader("payload")}
		req, _ := http.NewRequest(m, api, body)
		resp, err := rt.RoundTrip(req)
		if resp != nil || err != syscall.ECONNREFUSED {
			t.Fatalf("%s = %v, %v; want nil and the error as it is", m, resp, err)
		}
		if !body.closed.Load() {
			t.Fatalf("%s: request body not closed", m)
		}
	}
}

func TestErrorThroughClient(t *testing.T) {
	c := &http.Client{Transport: transports.Error(errBoom)}
	resp, err := c.Post(api, "text/plain", strings.NewReader("x"))
	if resp != nil || !errors.Is(err, errBoom) {
		t.Fatalf("got %v, %v; want errBoom wrapped by the client", resp, err)
	}
}

func TestErrorConcurrent(t *testing.T) {
	rt := transports.Error(errBoom)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := get(t, rt, api); err != errBoom {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// TestErrorNil: a nil error is bad input: no panic, a transport that fails
// every request with ErrNilError (never nil, nil).
func TestErrorNil(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://example.test/", nil)
	resp, err := transports.Error(nil).RoundTrip(req)
	if resp != nil || !errors.Is(err, transports.ErrNilError) {
		t.Fatalf("resp %v err %v", resp, err)
	}
}
