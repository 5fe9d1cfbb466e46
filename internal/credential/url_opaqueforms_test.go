package credential

import (
	"net/url"
	"strings"
	"testing"
)

// An opaque part with a host beside it is printed after the scheme as it
// is, whatever URL.User says and however the authority is spelled: a
// password with a raw '/' (base64), "///", "/\\" or "\\\\" before it, or a
// URL that also has a User (parsed from "http://u:pw@h", then given an
// Opaque to send a raw path). Its userinfo goes in every form.
func TestOpaqueUserinfoInEveryFormIsRedacted(t *testing.T) {
	for _, u := range []*url.URL{
		{Scheme: "http", Host: "h.example", Opaque: "//u:SE/CRET@h.example/p"},
		{Scheme: "http", Host: "h.example", Opaque: "///u:SECRET@h.example/p"},
		{Scheme: "http", Host: "h.example", Opaque: "/\\u:SECRET@h.example/p"},
		{Scheme: "http", Host: "h.example", Opaque: "\\\\u:SECRET@h.example/p"},
		{Scheme: "https", Host: "h.example", Opaque: "//u:SECRET@h.example/p", User: url.UserPassword("u", "SECRET")},
	} {
		for _, got := range []string{URL(u), URLText(u, u.String())} {
			if strings.Contains(got, "SECRET") || !strings.Contains(got, "h.example") {
				t.Errorf("URL(%q) = %q", u.String(), got)
			}
		}
	}
	// An '@' in the path after the authority is no userinfo, nor one in
	// an opaque raw path ("/users/@me", sent as the request's path).
	for _, u := range []*url.URL{
		{Scheme: "http", Host: "h.example", Opaque: "//h.example/p/@alice", User: url.User("x")},
		{Scheme: "http", Host: "h.example", Opaque: "/users/@me/x"},
	} {
		if got := URL(u); got != "http:"+u.Opaque {
			t.Errorf("URL(%q) = %q", u.String(), got)
		}
	}
}
