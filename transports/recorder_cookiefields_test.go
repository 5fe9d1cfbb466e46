package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A field named like a cookie (Cookie, Set-Cookie: what an echo endpoint
// answers with) holds a session: recorded bodies redact it at any depth, in
// a form, a multipart part, a JSON body and a form field's JSON value (the
// client's encoding of a nested value).
func TestRecorderRedactsCookieFields(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		w.WriteHeader(204)
	})
	rec, dir := newRecorder(t, srv)
	for i, c := range []struct{ ct, body string }{
		{"application/x-www-form-urlencoded", "user=alice&cookie=SID-FORM"},
		{"multipart/form-data; boundary=XyZ", mp("user", "", "alice", "cookie", "", "SID-MULTIPART")},
		{"application/json", `{"meta":{"cookie":"SID-JSON"}}`},
		{"application/x-www-form-urlencoded", "user=alice&meta=%7B%22cookie%22%3A%22SID-FORMJSON%22%7D"},
	} {
		resp, err := send(t, rec, "POST", srv.URL+"/import/"+string(rune('a'+i)), strings.NewReader(c.body),
			http.Header{"Content-Type": {c.ct}})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	cassetteHolds(t, dir, "SID-FORM", "SID-MULTIPART", "SID-JSON", "SID-FORMJSON")
}
