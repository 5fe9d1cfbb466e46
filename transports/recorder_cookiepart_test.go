package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Keys.Secret now counts a field named Cookie as secret in form and JSON
// bodies ("a field named Cookie, Cookies or Set-Cookie is secret in bodies
// and queries"); a multipart/form-data field so named holds the same
// session and must be redacted as well (README: "values of secret-named
// fields, and multipart parts, REDACTED").
func TestRecorderRedactsAMultipartCookieField(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		w.WriteHeader(204)
	})
	rec, dir := newRecorder(t, srv)
	for i, c := range []struct{ ct, body string }{
		{"application/x-www-form-urlencoded", "user=alice&cookie=SID-FORM"},
		{"multipart/form-data; boundary=XyZ", mp("user", "", "alice", "cookie", "", "SID-MULTIPART")},
	} {
		resp, err := send(t, rec, "POST", srv.URL+"/import/"+string(rune('a'+i)), strings.NewReader(c.body),
			http.Header{"Content-Type": {c.ct}})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	cassetteHolds(t, dir, "SID-FORM", "SID-MULTIPART")
}
