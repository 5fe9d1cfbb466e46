package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// The recorder now redacts a multipart body declared under a lower-case
// "content-type"; the replayer must hash the same request the same way, or
// the cassette it just wrote never answers it.
func TestReplayerMatchesALowerCaseMultipart(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		io.WriteString(w, "ok")
	})
	rec, dir := newRecorder(t, srv)
	body := "--XYZ\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nalice\r\n" +
		"--XYZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nALICE-MP-PW\r\n--XYZ--\r\n"
	h := http.Header{"content-type": {"multipart/form-data; boundary=XYZ"}}
	resp, err := send(t, rec, "POST", srv.URL+"/login", strings.NewReader(body), h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	cassetteHolds(t, dir, "ALICE-MP-PW")
	rp, err := transports.NewReplayer(dir)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = send(t, rp, "POST", srv.URL+"/login", strings.NewReader(body), h)
	if err != nil {
		t.Fatalf("replay of the very request just recorded: %v", err)
	}
	if got := readAll(t, resp); got != "ok" {
		t.Fatalf("replayed %q", got)
	}
}

// The same for a form: recorder and replayer both read the lower-case key.
func TestReplayerMatchesALowerCaseForm(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		io.WriteString(w, "ok")
	})
	rec, dir := newRecorder(t, srv)
	body := "user=alice&password=ALICE-PW"
	h := http.Header{"content-type": {"application/x-www-form-urlencoded"}}
	resp, err := send(t, rec, "POST", srv.URL+"/login", strings.NewReader(body), h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	rp, err := transports.NewReplayer(dir)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = send(t, rp, "POST", srv.URL+"/login", strings.NewReader(body), h)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	readAll(t, resp)
}
