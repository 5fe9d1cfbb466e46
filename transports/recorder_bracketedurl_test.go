package transports_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A JSON string or form value that is text quoting a URL with a secret
// has that URL redacted in a recording, spaces around it or not: a value
// such as "(https://h/cb?access_token=…)" or "<https://h/cb?code=…>" is no
// URL to url.Parse, and was recorded whole, secret included, where "see
// https://h/cb?access_token=… for more" had it redacted.
func TestRecorderRedactsBracketedURLsInBodies(t *testing.T) {
	const secret = "s3cr3t-tok"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"next":"<https://api.example/items?page=2&access_token=`+secret+`>"}`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: rec}
	for ct, body := range map[string]string{
		"application/json":                  `{"note":"(https://h/cb?access_token=` + secret + `)"}`,
		"application/x-www-form-urlencoded": "note=" + "%28https%3A%2F%2Fh%2Fcb%3Fcode%3D" + secret + "%29",
	} {
		resp, err := hc.Post(srv.URL, ct, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatal("nothing recorded")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s holds the secret:\n%s", filepath.Base(f), b)
		}
	}
}
