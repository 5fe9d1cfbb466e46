package main

import "testing"

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
