package transports_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A ';' path parameter named like a secret (a servlet container's
// ;jsessionid=, the session of a client without cookies) is recorded
// REDACTED, as errors, logs and spans show it, and as a Location to such a
// URL is recorded; the replayer, which matches the URL so redacted, still
// answers the same request.
func TestRecorderRedactsSecretPathParameters(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Location", "/home;jsessionid=SECRET-LOC")
		_, _ = w.Write([]byte("ok"))
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL+"/app/home;jsessionid=SECRET-SID;v=2?tab=1", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("%d files", len(entries))
	}
	raw, err := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("SECRET")) {
		t.Fatalf("recorded file holds the session:\n%s", raw)
	}
	if x := load(t, dir)[0]; x.Request.URL != srv.URL+"/app/home;jsessionid=REDACTED;v=2?tab=1" {
		t.Errorf("URL = %s", x.Request.URL)
	}
	rep, err := transports.NewReplayer(dir)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = send(t, rep, "GET", srv.URL+"/app/home;jsessionid=OTHER;v=2?tab=1", nil, nil)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if b := readAll(t, resp); b != "ok" {
		t.Fatalf("replayed %q", b)
	}
}
