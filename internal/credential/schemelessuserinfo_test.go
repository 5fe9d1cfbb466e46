package credential

import (
	"net/url"
	"strings"
	"testing"
)

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
