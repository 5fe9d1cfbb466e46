package main

import (
	"io"
	"net/http"
	"testing"
	"time"
)

// --stream without --timeout waits as long as an event stream is quiet
// (a heartbeat every 15 s is common), as httpie's --stream and the
// client's Events do: the default 2 s ended it, exit 2, after the first
// event. An explicit --timeout still bounds the silence.
func TestStreamOutlastsAQuietEventStream(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "data: one\n\n")
		w.(http.Flusher).Flush()
		time.Sleep(2300 * time.Millisecond)
		_, _ = io.WriteString(w, "data: two\n\n")
	})
	r := cli(t, "--stream", srv.URL+"/events")
	r.wantCode(t, exitOK)
	if r.stdout != "one\ntwo\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	r = cli(t, "--stream", "--timeout", "300ms", "--retry-times", "0", srv.URL+"/events")
	r.wantCode(t, exitTimeout)
	if r.stdout != "one\n" {
		t.Errorf("--timeout 300ms: stdout %q", r.stdout)
	}
}
