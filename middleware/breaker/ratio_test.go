package breaker_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// TestDefaultDoesNotTripOnAFewFailures: two failing calls, three attempts
// each, to one endpoint leave a healthy endpoint of the same origin open
// for business (it tripped after five failures in a row).
func TestDefaultDoesNotTripOnAFewFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/status/502" {
			w.WriteHeader(http.StatusBadGateway)
		}
	}))
	defer srv.Close()
	hc := &http.Client{Transport: breaker.New(srv.Client().Transport)}
	for range 6 {
		resp, err := hc.Get(srv.URL + "/status/502")
		if err != nil {
			t.Fatalf("attempt refused: %v", err)
		}
		resp.Body.Close()
	}
	resp, err := hc.Get(srv.URL + "/get")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthy endpoint: %v", err)
	}
	resp.Body.Close()
}

// TestDefaultTripsOnAFailureRatio: once 20 attempts were made and half of
// them failed, the origin's circuit opens.
func TestDefaultTripsOnAFailureRatio(t *testing.T) {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if n%2 == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	hc := &http.Client{Transport: breaker.New(srv.Client().Transport)}
	for i := range breaker.DefaultMinRequests {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("attempt %d refused: %v", i+1, err)
		}
		resp.Body.Close()
	}
	if _, err := hc.Get(srv.URL); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("after 20 attempts, half failed: %v", err)
	}
	if n != breaker.DefaultMinRequests {
		t.Errorf("server saw %d requests", n)
	}
}

func TestFailureRatioOption(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	hc := &http.Client{Transport: breaker.New(srv.Client().Transport, breaker.WithThreshold(1), breaker.WithFailureRatio(1, 3))}
	for range 3 {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("refused before 3 attempts: %v", err)
		}
		resp.Body.Close()
	}
	if _, err := hc.Get(srv.URL); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("after 3 failures: %v", err)
	}
}
