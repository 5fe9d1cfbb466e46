package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// TestRecorderZeroBodyLimit: WithBodyLimit(0) records no bytes of a body; a
// text body keeps its size and hash, a form or JSON one (which may hold a
// secret the Recorder cannot redact without its bytes) is withheld: its
// size only, no hash.
func TestRecorderZeroBodyLimit(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "plain answer")
	})
	for _, n := range []int64{0, -1} {
		rec, dir := newRecorder(t, srv, transports.WithBodyLimit(n))
		resp, err := send(t, rec, "POST", srv.URL+"/x", strings.NewReader(`{"password":"hunter2"}`),
			http.Header{"Content-Type": {"application/json"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := readAll(t, resp); got != "plain answer" {
			t.Fatalf("caller got %q", got)
		}
		x := load(t, dir)[0]
		if b := x.Response.Body; len(b.Bytes()) != 0 || b.Size != 12 || b.SHA256 == "" || !b.Truncated {
			t.Errorf("WithBodyLimit(%d): text response body recorded as %+v, want its size and hash only", n, b)
		}
		if b := x.Request.Body; len(b.Bytes()) != 0 || b.SHA256 != "" || !b.Withheld {
			t.Errorf("WithBodyLimit(%d): JSON request body recorded as %+v, want it withheld", n, b)
		}
	}
}
