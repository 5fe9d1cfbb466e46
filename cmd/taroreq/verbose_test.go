package main

import (
	"strings"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
)

// --verbose redacts the secret-named fields of a JSON request body (README:
// "-v and --trace are a log"), and takes a body for JSON by its type or by
// its opening { or [. A body piped with Content-Type: text/plain whose { came
// after white space (a file ending a line before it, a pretty-printed
// document) or after a UTF-8 BOM was shown as it was, password and all,
// where the same body without the newline was redacted.
func TestVerboseRedactsJSONBodyAfterWhiteSpaceOrBOM(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, body := range []string{
		"\n{\"user\":\"ann\",\"password\":\"SEKRET-PW\"}\n",
		" \t\r\n[{\"user\":\"ann\",\"api_key\":\"SEKRET-K\"}]",
		"\ufeff{\"user\":\"ann\",\"password\":\"SEKRET-PW\"}",
	} {
		for _, ct := range []string{"Content-Type:text/plain", "Content-Type:application/json"} {
			r := cliIn(t, strings.NewReader(body), "-v", "POST", srv.URL+"/j", ct)
			if strings.Contains(r.stderr+r.stdout, "SEKRET") {
				t.Errorf("body %q with %s: -v printed a secret:\n%s", body, ct, r.stderr+r.stdout)
			}
		}
	}
}

// -v and --trace are a log: an attempt's error that quotes a header line
// the server sent (net/http's "malformed MIME header line", for a control
// byte in it) shows a Set-Cookie's value REDACTED, as the call's error does.
func TestVerboseAttemptErrorHidesHeaderLineCredential(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nSet-Cookie: sid=SEKRET-SESSION\x01\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
	}) + "/x"
	for _, flag := range []string{"-v", "--trace"} {
		r := cli(t, flag, "--retry-times", "0", u)
		r.wantCode(t, 1)
		out := r.stderr + r.stdout
		if !strings.Contains(out, "malformed MIME header line") {
			t.Fatalf("%s: no attempt error printed:\n%s", flag, out)
		}
		if strings.Contains(out, "SEKRET") {
			t.Errorf("%s printed the session:\n%s", flag, out)
		}
	}
}
