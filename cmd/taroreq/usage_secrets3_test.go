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

// A scheme-less URL whose host merely looks like a credential name
// ("auth.example.com": the key before ':' contains "auth") and whose port
// is mistyped: itemLabel takes it for a secret header item and the parse
// detail is withheld, so the usage error names neither the host nor the
// port. The argument holds no secret at all.
func TestUsageErrorOfAMistypedPortNamesTheURL(t *testing.T) {
	r := cli(t, "auth.example.com:80a/login")
	if !strings.Contains(r.stderr, "auth.example.com:80a") && !strings.Contains(r.stderr, "80a") {
		t.Errorf("exit %d; the usage error names neither the URL nor its port:\n%s", r.code, r.stderr)
	}
	r = cli(t, "https://auth.example.com:80a/login")
	t.Logf("with a scheme, for comparison:\n%s", r.stderr)
}

// An item is named as parseItem reads it: a ';' ends one only at its end,
// so X;Authorization:Bearer S is the header X;Authorization, named
// without its value.
func TestUsageErrorNamesItemsAsTheyAreRead(t *testing.T) {
	wantNoSecret(t, [][]string{{"http://127.0.0.1:1/x", "X;Authorization:Bearer SEKRET\r"}})
}
