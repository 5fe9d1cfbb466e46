package main

import (
	"strings"
	"testing"
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
