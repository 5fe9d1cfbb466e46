package transports_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// TestNilOptions: a nil ScriptOption or RecordOption means the default.
func TestNilOptions(t *testing.T) {
	s := transports.NewScripted(nil)
	s.On("GET", api).Respond(200, "ok")
	req, _ := http.NewRequest("GET", api, nil)
	resp, err := s.RoundTrip(req)
	if err != nil || readAll(t, resp) != "ok" {
		t.Fatalf("scripted: %v", err)
	}
	rec, err := transports.NewRecorder(s, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest("GET", api, nil)
	resp, err = rec.RoundTrip(req)
	if err != nil || readAll(t, resp) != "ok" || rec.Err() != nil {
		t.Fatalf("recorder: %v %v", err, rec.Err())
	}
}
