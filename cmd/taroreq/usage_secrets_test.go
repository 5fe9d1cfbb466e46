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

// A field item whose key is no secret but whose JSON value (invalid: cut
// short) holds a secret-named member: the usage error quotes it whole.
// README: a request body's "values of secret-named fields ... at any depth"
// are REDACTED in -v; commit f3b2a5e: "usage errors name no secret".
func TestUsageErrorOfABadJSONItemWithANestedSecret(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"POST", "http://127.0.0.1:1/x", `user:={"password":"SEKRET-PW"`},
		{"POST", "http://127.0.0.1:1/x", `user:={"api_key":"SEKRET-K",}`},
	})
}

// A header item typed where the URL goes (the arguments in the wrong
// order): the "bad URL" usage error quotes the credential whole.
func TestUsageErrorOfAHeaderItemInTheURLPlace(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"POST", "X-Api-Key:SEKRET-K", "http://127.0.0.1:1/x"},
		{"Authorization: Bearer SEKRET-T", "http://127.0.0.1:1/x"},
	})
}

// httpie's scheme-less shorthand (normalizeURL: "example.com" is
// http://example.com) with userinfo: the usage error quotes the password.
// README: errors redact every URL, "userinfo removed ... also for URLs that
// do not parse"; commit f3b2a5e: "usage errors name no secret".
func TestUsageErrorOfASchemelessURLWithUserinfo(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"ann:SEKRET-A@127.0.0.1:70000/x"},
		{"ann:SEKRET-B@exa mple.com/x"},
		{"--base-url", "ann:SEKRET-C@h/", "/x"},
		{"--backup", "ann:SEKRET-D@h:0/x", "http://127.0.0.1:1/x"},
	})
}

// A scheme-less URL with a mistyped port is named with it; one whose host
// looks like a credential's name (auth.example.com: "auth") cannot be told
// from a credential item (client.secret:SEKRET) and is named by its host,
// what follows the ':' left out.
func TestUsageErrorOfAMistypedPortNamesTheURL(t *testing.T) {
	if r := cli(t, "example.com:80a/login"); !strings.Contains(r.stderr, "80a") {
		t.Errorf("exit %d; the usage error does not name the port:\n%s", r.code, r.stderr)
	}
	if r := cli(t, "auth.example.com:80a/login"); !strings.Contains(r.stderr, "auth.example.com") {
		t.Errorf("exit %d; the usage error does not name the host:\n%s", r.code, r.stderr)
	}
}

// An item is named as parseItem reads it: a ';' ends one only at its end,
// so X;Authorization:Bearer S is the header X;Authorization, named
// without its value.
func TestUsageErrorNamesItemsAsTheyAreRead(t *testing.T) {
	wantNoSecret(t, [][]string{{"http://127.0.0.1:1/x", "X;Authorization:Bearer SEKRET\r"}})
}

// A scheme-less URL whose host is a single label (localhost, the most
// common one) with a port: urlLabel takes "localhost" for a header name
// (no dot, slash or @ before the colon) and itemLabel, finding no secret
// key, returns the argument whole, secret query parameter and fragment
// included. Before 23be074 credential.String redacted it.
func TestUsageErrorOfASingleLabelHostRedactsItsQuery(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"localhost:99999/x?access_token=SEKRET-A"},
		{"localhost:8080x/?api_key=SEKRET-B"},
		{"h:0/x#access_token=SEKRET-C"},
		{"--backup", "localhost:0/x?access_token=SEKRET-D", "http://127.0.0.1:1/x"},
		{"--base-url", "localhost:8080/v1?api_key=SEKRET-E", "/x"},
	})
}

// An item whose key is secret-named (code, by the word rule) and whose
// value holds a colon, typed where the URL goes: urlLabel judges the text
// before the first ':' ("code=SEKRET-A"), not the item's key as parseItem
// reads it ("code"), and names the whole argument as a URL. Before
// 6cf4491 itemLabel named it "code=…".
func TestUsageErrorOfASecretItemWithAColonInItsValue(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"code=SEKRET-A:x", "http://127.0.0.1:1/x"},
		{"POST", "code==SEKRET-B:x", "http://127.0.0.1:1/x"},
		{"--backup", "code=SEKRET-C:x", "http://127.0.0.1:1/x"},
	})
}

// A credential item whose value holds "://" (a webhook URL is the secret;
// a token with a scheme-like prefix), typed where the URL goes: urlLabel
// skips the item check for any argument with "://" and credential.String
// names it whole (the scheme is not http, or it does not parse).
func TestUsageErrorOfACredentialItemWhoseValueIsAURL(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"webhook_secret=https://hooks.example/SEKRET-D", "http://127.0.0.1:1/x"},
		{"X-Api-Key:SEKRET-E://x", "http://127.0.0.1:1/x"},
		{"password:=\"http://SEKRET-F\"", "http://127.0.0.1:1/x"},
		{"Authorization:Basic SEKRET-G://x", "http://127.0.0.1:1/x"},
	})
}

// A credential item typed where a URL goes whose value holds no ':', space
// or other byte url.Parse refuses: normalizeURL takes it for a host
// (http://code=SEKRET), so it is looked up in DNS and the request error
// names it whole. urlLabelOf names it as an item, but only a usage error
// asks urlLabelOf.
func TestACredentialItemInTheURLPlaceIsNoHost(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"--retry-times", "0", "code=SEKRET-A", "http://127.0.0.1:1/x"},
		{"--retry-times", "0", "POST", "password=SEKRET-B", "http://127.0.0.1:1/x"},
		{"--retry-times", "0", "--backup", "access_token=SEKRET-C", "http://127.0.0.1:1/x"},
		{"--retry-times", "0", "--base-url", "http://127.0.0.1:1/", "api_key=SEKRET-D"},
	})
}

// A password holding '/', '?' or '#' (base64 and generated passwords do)
// typed in a URL's userinfo: url.Parse stops the authority there and reads
// the password as a port. credential.Error withholds the detail of a
// *url.Error, but normalizeURL hands it errors.Unwrap(err), whose text is
// `invalid port ":SEKRET…" after host`.
func TestAUserinfoPasswordWithASlashIsNotPrinted(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("http_proxy", "http://127.0.0.1:1")
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	wantNoSecret(t, [][]string{
		{"--retry-times", "0", "http://ann:SEKRET/pw@127.0.0.1:1/x"},
		{"--retry-times", "0", "ann:SEKRET?pw@127.0.0.1:1/x"},
		{"--retry-times", "0", "--backup", "https://ann:SEKRET#pw@127.0.0.1:1/x", "http://127.0.0.1:1/x"},
	})
}

// A dotted credential item in header form (key:value) typed where the URL
// goes: url.Parse fails on its "port", plausibleHost is never reached, and
// badURL's urlLabelOf takes a dotted key for a host, so the label is
// "http://client.secret:SEKRET" (the '=' form of the same items is refused
// and labelled without its value).
func TestADottedCredentialHeaderItemIsNoURL(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("http_proxy", "http://127.0.0.1:1")
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	wantNoSecret(t, [][]string{
		{"--retry-times", "0", "client.secret:SEKRET-A"},
		{"--retry-times", "0", "--backup", "db.password:SEKRET-B", "http://127.0.0.1:1/x"},
		{"--retry-times", "0", "--base-url", "http://127.0.0.1:1/", "connect.sid:SEKRET-C"},
	})
}
