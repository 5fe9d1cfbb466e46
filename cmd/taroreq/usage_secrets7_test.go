package main

import "testing"

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
