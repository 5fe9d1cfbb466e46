package main

import (
	"net/http"
	"strings"
	"testing"
)

// -v showed "Access-Control-Allow-Credentials: REDACTED": the name holds
// the word credential, but the field's one value, "true", is no secret and
// is what a log of a CORS answer is read for. It and Sec-Fetch-User's
// boolean are shown; every credential field beside them, and another value
// under those names, is still REDACTED.
func TestVerboseShowsFieldsThatHoldNoSecret(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Set-Cookie", "sid=SEKRET-COOKIE")
		w.Header().Set("X-Auth-Token", "SEKRET-TOKEN")
		w.Header().Set("X-User-Id", "SEKRET-USER")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	})
	r := cli(t, "-v", srv.URL+"/cors", "Authorization:Bearer SEKRET-BEARER", "Sec-Fetch-User:?1", "X-Api-Key:SEKRET-KEY")
	r.wantCode(t, 0)
	out := r.stderr + r.stdout
	for _, want := range []string{"< Access-Control-Allow-Credentials: true\n", "> Sec-Fetch-User: ?1\n",
		"< Set-Cookie: REDACTED\n", "< X-Auth-Token: REDACTED\n", "< X-User-Id: REDACTED\n",
		"> Authorization: REDACTED\n", "> X-Api-Key: REDACTED\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("-v lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "SEKRET") {
		t.Errorf("-v printed a secret:\n%s", out)
	}
	// Another value under the name is not its grammar's: redacted.
	srv2 := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Credentials", "SEKRET-MISUSED")
		_, _ = w.Write([]byte(`{}`))
	})
	r = cli(t, "-v", srv2.URL+"/misuse")
	if out := r.stderr + r.stdout; strings.Contains(out, "SEKRET") || !strings.Contains(out, "< Access-Control-Allow-Credentials: REDACTED\n") {
		t.Errorf("-v showed a misused field:\n%s", out)
	}
}
