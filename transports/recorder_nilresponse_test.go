package transports_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

// A base transport that answers neither a response nor an error breaks the
// http.RoundTripper contract: the Recorder says so in an error, as net/http's
// client does, instead of panicking on the nil response, and records nothing.
func TestRecorderBaseWithoutResponseOrError(t *testing.T) {
	base := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, nil })
	dir := t.TempDir()
	rec, err := transports.NewRecorder(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := send(t, rec, "GET", "http://h.test/x?token=tok-SECRET", nil, nil)
	if resp != nil || err == nil || !strings.Contains(err.Error(), "nil *http.Response") {
		t.Fatalf("got %v, %v; want an error naming the broken contract", resp, err)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("the error holds the token: %v", err)
	}
	if xs := load(t, dir); len(xs) != 0 {
		t.Errorf("%d exchanges recorded, want none", len(xs))
	}
}
