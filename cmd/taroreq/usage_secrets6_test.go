package main

import "testing"

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
