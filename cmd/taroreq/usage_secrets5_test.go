package main

import "testing"

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
