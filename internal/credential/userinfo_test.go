package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A URL whose opaque part is an authority and a path ("//u:pw@host/p", as
// a caller may set it for net/http to send as the request target) prints
// that userinfo after its scheme: it is removed as a URL's User is.
func TestOpaqueAuthorityUserinfoIsRedacted(t *testing.T) {
	for _, u := range []*url.URL{
		{Scheme: "http", Host: "h.example", Opaque: "//u:SECRET@h.example/p", RawQuery: "a=1"},
		{Scheme: "https", Host: "h.example", Opaque: "//SECRET@h.example"},
	} {
		if got := URL(u); strings.Contains(got, "SECRET") || !strings.Contains(got, "h.example") {
			t.Errorf("URL(%#v) = %q", u, got)
		}
	}
	// An '@' in the path of an opaque part is no userinfo.
	u := &url.URL{Scheme: "http", Host: "h.example", Opaque: "//h.example/@alice"}
	if got := URL(u); got != "http://h.example/@alice" {
		t.Errorf("URL = %q", got)
	}
}

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

// A URL written without its scheme, "user:password@host/path" (a config
// value missing "https://"), parses as a URL of scheme "user" whose opaque
// part is "password@host/path". It is refused (no http scheme), and the
// error quoted it whole: the password went into errors, ErrMsg and logs.
func TestSchemelessUserinfoRedacted(t *testing.T) {
	for _, raw := range []string{
		"alice:pw-secret@api.example.com/x",
		"alice:pw-secret@h:8080/x?page=2",
		"alice:pw-secret@h",
		"alice:p/w-secret@h/x",
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		for _, got := range []string{URL(u), String(raw)} {
			if strings.Contains(got, "secret") {
				t.Errorf("%q: the password stays in %q", raw, got)
			}
		}
	}
	// Nor when it does not parse (a control byte, a bad escape).
	for _, raw := range []string{"alice:pw-secret@h/x\x7f", "alice:pw-secret@h/%zz", "Alice:pw-secret@h:1/x?a=%zz"} {
		if got := String(raw); strings.Contains(got, "secret") {
			t.Errorf("String(%q) = %q", raw, got)
		}
	}
	for _, raw := range []string{"mailto:bob@h/\x7f", "h:1/x\x7f"} {
		if got := String(raw); !strings.Contains(got, "h") || (strings.HasPrefix(raw, "mailto") && !strings.Contains(got, "bob")) {
			t.Errorf("String(%q) = %q", raw, got)
		}
	}
	// The usual texts are kept as they are.
	for _, raw := range []string{"h:8080/x", "urn:isbn:123", "mailto:bob@example.com", "http://h/x?a=b"} {
		u, _ := url.Parse(raw)
		if got := URL(u); got != raw {
			t.Errorf("URL(%q) = %q", raw, got)
		}
	}
}

// A URL in text form with spaces or controls around it is the trimmed URL
// to fetch and to the client (client.CleanURL): " //alice:pw@h/x" has
// userinfo, which url.Parse, reading a path, would keep.
func TestStringTrimsAsFetchBeforeJudgingUserinfo(t *testing.T) {
	for _, in := range []string{
		" //alice:SEC1@h/x",
		"\x01 //alice:SEC1@h/x",
		"//alice:SEC1@h/x ",
		"\v/\t/alice:SEC1@h/x?q=1",
		" /\\alice:SEC1@h/x",
	} {
		if got := String(in); strings.Contains(got, "SEC1") || strings.Contains(got, "alice") {
			t.Errorf("String(%q) = %q", in, got)
		}
	}
	if got, want := String(" /x?a=b@c "), "/x?a=b@c "; got != want {
		t.Errorf("String(%q) = %q, want %q", " /x?a=b@c ", got, want)
	}
}
