package main

import (
	"strings"
	"testing"
)

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
