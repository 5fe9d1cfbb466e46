package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A form body whose field's value is JSON (the client's encoding of a
// nested value) with a member named cookie: recorded bodies redact
// secret-named fields "at any depth", and a cookie's name is one in a
// recorded body (the same member in a JSON body is redacted).
func TestRecorderRedactsACookieMemberInAFormFieldsJSON(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		w.WriteHeader(204)
	})
	rec, dir := newRecorder(t, srv)
	for i, c := range []struct{ ct, body string }{
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
	cassetteHolds(t, dir, "SID-JSON", "SID-FORMJSON")
}
