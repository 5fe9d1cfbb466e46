package transports_test

import (
	"net/http"
	"testing"
)

// A redirect's body repeats its Location (Go's http.Redirect writes
// <a href="URL">, Express "Redirecting to URL"): when the Location carries
// a secret (an OAuth code, an implicit-flow token in the fragment, a
// signed URL), the Location is redacted in the file and the body must not
// hold it either. A redirect without a secret keeps its body, and so does
// any other response.
func TestRecorderWithholdsTheBodyOfARedirectWithASecret(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/authorize":
			http.Redirect(w, r, "https://app.example/cb?code=code-SECRET&state=s", http.StatusFound)
		case "/implicit":
			http.Redirect(w, r, "https://app.example/cb#access_token=frag-SECRET", http.StatusSeeOther)
		case "/signed":
			http.Redirect(w, r, "https://cdn.example/f?X-Amz-Signature=sig-SECRET", http.StatusTemporaryRedirect)
		case "/plain":
			http.Redirect(w, r, "/elsewhere?page=2", http.StatusMovedPermanently)
		}
	})
	rec, dir := newRecorder(t, srv)
	for _, p := range []string{"/authorize", "/implicit", "/signed", "/plain"} {
		resp, err := send(t, rec, "GET", srv.URL+p, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if body := readAll(t, resp); body == "" {
			t.Fatalf("%s: the caller got no body", p) // the caller's is as sent
		}
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	cassetteHolds(t, dir, "SECRET")
	xs := load(t, dir)
	if len(xs) != 4 {
		t.Fatalf("%d exchanges, want 4", len(xs))
	}
	for _, x := range xs[:3] {
		if b := x.Response.Body; !b.Withheld || len(b.Bytes()) != 0 || b.Size == 0 {
			t.Errorf("%s: recorded body %+v, want withheld with its size", x.Request.URL, b)
		}
	}
	if b := xs[3].Response.Body; b.Withheld || b.Text != "<a href=\"/elsewhere?page=2\">Moved Permanently</a>.\n\n" {
		t.Errorf("a redirect without a secret: recorded body %+v, want it as sent", b)
	}

	// The cassette replays: the redirect, its Location redacted, no body.
	resp, err := send(t, newReplayer(t, dir), "GET", srv.URL+"/authorize", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != http.StatusFound || body != "" ||
		resp.Header.Get("Location") != "https://app.example/cb?code=REDACTED&state=s" {
		t.Errorf("replayed %d %v %q", resp.StatusCode, resp.Header, body)
	}
}
