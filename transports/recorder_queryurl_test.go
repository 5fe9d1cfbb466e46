package transports_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A query value that is a signed URL (an image proxy's ?src=) is recorded
// redacted, as the same link in a form or JSON body is; the replayer
// answers the request that carries the real signature, and a cassette
// recorded before, which holds the URL in clear, still answers it.
func TestRecorderRedactsASignedURLGivenAsAQueryValue(t *testing.T) {
	const signed = "https://bucket.s3.example/a.jpg?X-Amz-Signature=SIG-SECRET&X-Amz-Date=1"
	srv := server(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "image") })
	rec, dir := newRecorder(t, srv)
	target := srv.URL + "/resize?w=100&src=" + url.QueryEscape(signed)
	resp, err := send(t, rec, "GET", target, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	cassetteHolds(t, dir, "SIG-SECRET")
	xs := load(t, dir)
	if len(xs) != 1 {
		t.Fatalf("%d exchanges", len(xs))
	}
	redacted := xs[0].Request.URL
	if want := "X-Amz-Signature%3DREDACTED%26X-Amz-Date%3D1"; !bytes.Contains([]byte(redacted), []byte(want)) {
		t.Fatalf("recorded URL %s, want it to hold %s", redacted, want)
	}
	replays := func(what string) {
		t.Helper()
		p, err := transports.NewReplayer(dir)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := send(t, p, "GET", target, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got := readAll(t, resp); got != "image" {
			t.Fatalf("%s: replayed %q", what, got)
		}
	}
	replays("this cassette")

	// The cassette as an earlier version wrote it: the signed URL in clear.
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) != 1 {
		t.Fatalf("cassette files %v, %v", files, err)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	clear := srv.URL + "/resize?w=100&src=" + url.QueryEscape(signed)
	old := bytes.Replace(raw, []byte(redacted), []byte(clear), 1)
	if bytes.Equal(old, raw) {
		t.Fatalf("the recorded URL is not in the file:\n%s", raw)
	}
	if err := os.WriteFile(files[0], old, 0o600); err != nil {
		t.Fatal(err)
	}
	replays("an earlier cassette")
}
