package encoders

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fetchText replaces each maximal subpart of an ill-formed sequence with
// one U+FFFD, as the WHATWG decoder (and so fetch's text()) does; the
// expectations are what new Response(bytes).text() gives in node.
func TestFetchTextMaximalSubparts(t *testing.T) {
	const R = "\uFFFD"
	for in, want := range map[string]string{
		"plain":                 "plain",
		"caf\xe9":               "caf" + R,
		"a\xF0\x9F\x98b":        "a" + R + "b", // a 4-byte character cut short
		"a\xE2\x82b":            "a" + R + "b",
		"\xED\xA0\x80":          R + R + R, // a surrogate: ED takes no A0
		"\xC0\xAF":              R + R,     // an overlong lead
		"\xE0\x80\x80":          R + R + R, // E0 takes A0-BF
		"\xF4\x90\x80\x80":      R + R + R + R,
		"\xF0\x9F\x98\x80\x80x": "\U0001F600" + R + "x",
		"\xE2\x82\xAC\xE2":      "€" + R,
	} {
		got := fetchText([]byte(in))
		if got != want {
			t.Errorf("fetchText(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzFetchText(f *testing.F) {
	f.Add([]byte("a\xF0\x9F\x98b"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := fetchText(b)
		if !utf8.ValidString(got) {
			t.Fatalf("fetchText(%q) = %q: not UTF-8", b, got)
		}
		if utf8.Valid(b) && got != string(b) {
			t.Fatalf("fetchText(%q) changed valid text", b)
		}
		if n := strings.Count(got, "\uFFFD") - strings.Count(string(b), "\uFFFD"); n > len(b) {
			t.Fatalf("more replacements than bytes")
		}
	})
}
