package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A plain http.Client sends a header map as its caller built it: a form or
// multipart body declared with a lower-case "content-type" key reaches the
// origin as a form (net/http writes the key as it is; the server
// canonicalizes it), but the Recorder looks only at the canonical key.
func TestRecorderRedactsAFormUnderALowerCaseContentType(t *testing.T) {
	var gotCT, gotBody string
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotCT, gotBody = r.Header.Get("Content-Type"), string(b)
		_ = r.ParseForm()
		w.WriteHeader(204)
	})
	rec, dir := newRecorder(t, srv)
	const form = "username=alice&password=ALICE-PW-123&client_secret=ALICE-CS"
	resp, err := send(t, rec, "POST", srv.URL+"/login", strings.NewReader(form),
		http.Header{"content-type": {"application/x-www-form-urlencoded"}})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if gotCT != "application/x-www-form-urlencoded" || gotBody != form {
		t.Fatalf("origin got %q %q", gotCT, gotBody)
	}
	cassetteHolds(t, dir, "ALICE-PW-123", "ALICE-CS")
}

func TestRecorderRedactsMultipartUnderALowerCaseContentType(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil || r.FormValue("password") != "ALICE-MP-PW" {
			t.Errorf("origin: %v %q", err, r.FormValue("password"))
		}
		w.WriteHeader(204)
	})
	rec, dir := newRecorder(t, srv)
	body := "--XYZ\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nalice\r\n" +
		"--XYZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nALICE-MP-PW\r\n--XYZ--\r\n"
	resp, err := send(t, rec, "POST", srv.URL+"/login", strings.NewReader(body),
		http.Header{"content-type": {"multipart/form-data; boundary=XYZ"}})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	cassetteHolds(t, dir, "ALICE-MP-PW")
}

// An echo endpoint (httpbin's /headers, /anything) answers with the request
// headers as JSON. The Recorder redacts the Cookie header of the request,
// but the same cookie, named Cookie in the JSON answer, is recorded as it is.
func TestRecorderRedactsAnEchoedCookieInJSON(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"headers":{"Authorization":"`+r.Header.Get("Authorization")+
			`","Cookie":"`+r.Header.Get("Cookie")+`"}}`)
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL+"/headers", nil,
		http.Header{"Cookie": {"connect.sid=ALICE-SID-1"}, "Authorization": {"Bearer ALICE-AT-1"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "ALICE-SID-1") {
		t.Fatalf("echo: %s", b)
	}
	cassetteHolds(t, dir, "ALICE-SID-1", "ALICE-AT-1")
}
