package transports_test

import (
	"io"
	"net/http"
	"strings"
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

// TestZeroRecorderAndReplayer: a Recorder or Replayer not made by its
// constructor fails a request with an error, its body closed: the zero
// Recorder panicked (nil base), a nil *Scripted too, and a nil *Replayer.
// A nil Recorder's Err is nil: it panicked; a nil Scripted's Requests and
// Count are empty and 0.
func TestZeroRecorderAndReplayer(t *testing.T) {
	var nilRec *transports.Recorder
	var nilScripted *transports.Scripted
	var nilRep *transports.Replayer
	if err := nilRec.Err(); err != nil {
		t.Errorf("nil Recorder's Err: %v", err)
	}
	// A nil Scripted received nothing: Requests and Count panicked.
	if got := nilScripted.Requests(); got == nil || len(got) != 0 {
		t.Errorf("nil Scripted's Requests: %#v, want empty", got)
	}
	if n := nilScripted.Count(transports.Any, transports.Any); n != 0 {
		t.Errorf("nil Scripted's Count: %d", n)
	}
	for name, rt := range map[string]http.RoundTripper{
		"zero Recorder": &transports.Recorder{}, "nil Recorder": nilRec, "zero Replayer": &transports.Replayer{},
		"nil Scripted": nilScripted, "nil Replayer": nilRep,
	} {
		body := &closeCount{Reader: strings.NewReader("x")}
		req, _ := http.NewRequest("POST", api, body)
		if resp, err := rt.RoundTrip(req); resp != nil || err == nil {
			t.Errorf("%s: %v, %v", name, resp, err)
		}
		if body.n == 0 {
			t.Errorf("%s: request body not closed", name)
		}
	}
}

type closeCount struct {
	io.Reader
	n int
}

func (c *closeCount) Close() error { c.n++; return nil }
