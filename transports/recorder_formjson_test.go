package transports_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A form body that also parses as JSON (a JSON text sent as a form, one of
// its strings holding "&password=...") is read by the server as a form,
// with a password field: that field's value is redacted in the recording,
// not only the JSON's secret members. It was recorded whole. The Replayer
// still matches the request that carries the real password.
func TestRecorderRedactsFormFieldsOfAJSONLookingForm(t *testing.T) {
	var seen []string
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		seen = append(seen, r.PostForm.Get("password"))
		w.Write([]byte("ok"))
	})
	rec, dir := newRecorder(t, srv)
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	bodies := []string{
		`{"note":"a&password=S3CR3T-1&b"}`,
		`{"a":"x","b":"&password=S3CR3T-2"}`,
		`[{"password":"S3CR3T-3"}]`, // the JSON reading's secret member, as before
	}
	for _, b := range bodies {
		resp, err := send(t, rec, "POST", srv.URL+"/login", strings.NewReader(b), form)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
	}
	if seen[0] != "S3CR3T-1" || seen[1] != `S3CR3T-2"}` {
		t.Fatalf("the server read password %q: the bodies are not what this test is about", seen)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != len(bodies) {
		t.Fatalf("%d files, want %d", len(files), len(bodies))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "S3CR3T") {
			t.Errorf("%s holds the password:\n%s", filepath.Base(f), data)
		}
	}
	p, err := transports.NewReplayer(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bodies {
		resp, err := send(t, p, "POST", srv.URL+"/login", strings.NewReader(b), form)
		if err != nil {
			t.Fatalf("%s not replayed: %v", b, err)
		}
		readAll(t, resp)
	}
}
