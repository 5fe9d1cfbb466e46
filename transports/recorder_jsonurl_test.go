package transports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A JSON answer's links carry secrets where APIs put them: a pagination
// "next" with the caller's access_token (Facebook's Graph API), a signed
// download URL. The cassette keeps such links redacted, and the caller the
// answer as sent; a JSON request body's links are redacted the same way.
func TestRecorderRedactsURLsInJSONValues(t *testing.T) {
	const answer = `{"data":[1],"paging":{"next":"https://graph.example/me?access_token=tok-SECRET&after=QVFI"},` +
		`"download":"https://cdn.example/f.zip?X-Amz-Signature=sig-SECRET","home":"https://example.com/?page=2"}`
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer)
	})
	rec, dir := newRecorder(t, srv)
	h := http.Header{"Content-Type": {"application/json"}}
	resp, err := send(t, rec, "POST", srv.URL+"/feed", strings.NewReader(`{"callback":"https://me.example/hook?sig=req-SECRET"}`), h)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != answer {
		t.Fatalf("the caller got %s", got)
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	cassetteHolds(t, dir, "SECRET")
	xs := load(t, dir)
	if len(xs) != 1 {
		t.Fatalf("%d exchanges", len(xs))
	}
	got := string(xs[0].Response.Body.Bytes())
	for _, want := range []string{`access_token=REDACTED\u0026after=QVFI`, `X-Amz-Signature=REDACTED`, `"home":"https://example.com/?page=2"`} {
		if !strings.Contains(got, want) {
			t.Errorf("recorded body %s lacks %s", got, want)
		}
	}
}

// A form body's URLs are redacted the same way, request and response.
func TestRecorderRedactsURLsInFormValues(t *testing.T) {
	const answer = "next=https%3A%2F%2Fapi.example%2Fp%3Faccess_token%3Dresp-SECRET%26page%3D2&x=1"
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-www-form-urlencoded")
		_, _ = io.WriteString(w, answer)
	})
	rec, dir := newRecorder(t, srv)
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	resp, err := send(t, rec, "POST", srv.URL+"/f", strings.NewReader("callback=https%3A%2F%2Fme.example%2Fhook%3Fsig%3Dreq-SECRET&a=b"), h)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != answer {
		t.Fatalf("the caller got %s", got)
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	cassetteHolds(t, dir, "SECRET")
	xs := load(t, dir)
	if len(xs) != 1 || !strings.Contains(string(xs[0].Response.Body.Bytes()), "page%3D2&x=1") {
		t.Errorf("recorded %v", xs)
	}
}
