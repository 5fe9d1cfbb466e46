package main

import (
	"strings"
	"testing"
)

func wantNoSecret(t *testing.T, cases [][]string) {
	t.Helper()
	for _, args := range cases {
		r := cli(t, args...)
		if strings.Contains(r.stderr+r.stdout, "SEKRET") {
			t.Errorf("%q: exit %d printed a secret:\n%s", args, r.code, r.stderr+r.stdout)
		}
	}
}

// A URL's userinfo and secret query values in a usage error (README: errors
// redact every URL, "also for URLs that do not parse").
func TestUsageErrorsRedactURLSecrets(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"https://ann:SEKRET-PW@127.0.0.1:70000/x?access_token=SEKRET-Q"},
		{"--base-url", "ftp://ann:SEKRET-PW@h/", "/x"},
		{"--backup", "https://ann:SEKRET-PW@h:0/x", "http://127.0.0.1:1/x"},
	})
}

// Credential values (a token given to -a without -A bearer, a header or
// field item named like a secret) in a usage error.
func TestUsageErrorsLeaveCredentialValuesOut(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"-a", "SEKRET-TOKEN", "http://127.0.0.1:1/x"},
		{"http://127.0.0.1:1/x", "X-Api-Key:SEKRET-K\r"},
		{"http://127.0.0.1:1/x", "password:=SEKRET-PW"},
	})
}

// --verbose shows a request body with its secret-named fields REDACTED, as
// the same field sent in a query is, JSON or form, at any depth; other
// fields as they are.
func TestVerboseRedactsSecretFieldsOfTheBody(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, args := range [][]string{
		{"-v", "POST", srv.URL + "/j", "password=SEKRET-PW", "user=ann", "nested:={\"api_key\":\"SEKRET-K\"}"},
		{"-v", "--form", "POST", srv.URL + "/f", "password=SEKRET-PW", "user=ann"},
	} {
		r := cli(t, args...)
		if strings.Contains(r.stderr+r.stdout, "SEKRET") {
			t.Errorf("%q printed a secret:\n%s", args, r.stderr+r.stdout)
		}
		if !strings.Contains(r.stderr+r.stdout, "ann") {
			t.Errorf("%q: the body's other fields are not shown:\n%s", args, r.stderr+r.stdout)
		}
	}
}
