package optiontext

import (
	"strings"
	"testing"
)

func TestEnum(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"cors", `"cors"`},
		{"CORS", `"CORS"`},
		{"corz", `"corz"`},
		{"no_cors", `"no_cors"`},
		{"", "[0 bytes withheld]"},
		{"s3cr3tTOKENvalue", "[16 bytes withheld]"},
		{strings.Repeat("cors", 40), "[160 bytes withheld]"},
	} {
		if got := Enum(tc.in, "same-origin", "cors", "no-cors"); got != tc.want {
			t.Errorf("Enum(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestContentType(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"application/json", `"application/json"`},
		{"application/json; token=abc", `"application/json; token=…"`},
		{`text/plain; charset="UTF-8"; sig=x`, `"text/plain; charset=UTF-8; sig=…"`},
		{"text/plain; charset=abcdefghijk", `"text/plain; charset=…"`},
		{"tok/abc", `"[7 bytes withheld]"`},
		{"abc", `"[3 bytes withheld]"`},
		{"text/plain; =x; a b=c", `"text/plain; [3 bytes withheld]; [6 bytes withheld]"`},
		{"", `"[0 bytes withheld]"`},
	} {
		if got := ContentType(tc.in); got != tc.want {
			t.Errorf("ContentType(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestHeaderName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"X-Ok", `"X-Ok"`},
		{"Authorization: Bearer t", `"Authorization" then ':' and [9 bytes withheld]`},
		{"X:", `"X" then ':'`},
		{"X: t", `"X" then ':' and [2 bytes withheld]`},
		{"X:t", `"X" then ':' and [1 byte withheld]`},
		{"X-\xffsecret", `"X-" then a byte past ASCII and [6 bytes withheld]`},
		{"", `""`},
	} {
		if got := HeaderName(tc.in); got != tc.want {
			t.Errorf("HeaderName(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
