package encoders

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestUnwrapJSONP(t *testing.T) {
	tests := []struct {
		body, name, want string
		ok               bool
	}{
		{`cb({"a":1})`, "cb", `{"a":1}`, true},
		{`cb({"a":1});`, "cb", `{"a":1}`, true},
		{"  cb ( [1,2] ) ;\n", "cb", `[1,2]`, true},
		{`__jsonp1700000000000("x")`, "__jsonp1700000000000", `"x"`, true},
		{`other({"a":1})`, "cb", "", false},
		{`{"a":1}`, "cb", "", false},
		{`cb({"a":1}`, "cb", "", false},
		{`cb`, "cb", "", false},
		{``, "cb", "", false},
		{`cb()`, "", "", false},
	}
	for _, tt := range tests {
		got, err := UnwrapJSONP([]byte(tt.body), tt.name)
		if tt.ok && (err != nil || string(got) != tt.want) {
			t.Errorf("UnwrapJSONP(%q, %q) = %q, %v; want %q", tt.body, tt.name, got, err, tt.want)
		}
		if !tt.ok && !errors.Is(err, ErrJSONP) {
			t.Errorf("UnwrapJSONP(%q, %q) err = %v, want ErrJSONP", tt.body, tt.name, err)
		}
	}
}

func TestJSONPQuery(t *testing.T) {
	now := time.UnixMilli(1700000000123)
	if got := JSONPCallbackName(now); got != "__jsonp1700000000123" {
		t.Errorf("name %q", got)
	}
	if got := JSONPQuery("my cb", false, now); got != "callback=my%20cb&_=1700000000123" {
		t.Errorf("query %q", got)
	}
	if got := JSONPQuery("cb", true, now); got != "callback=cb" {
		t.Errorf("cached query %q", got)
	}
}

func TestCheckJSONP(t *testing.T) {
	if got, err := CheckJSONP(200, []byte(`cb([1]);`), "cb"); err != nil || string(got) != "[1]" {
		t.Errorf("200: %q %v", got, err)
	}
	for _, status := range []int{404, 500, 304, 199} {
		_, err := CheckJSONP(status, []byte(`cb([1]);`), "cb")
		if !errors.Is(err, ErrJSONP) || !strings.Contains(err.Error(), "status "+strconv.Itoa(status)) {
			t.Errorf("%d: err %v, want ErrJSONP naming the status", status, err)
		}
	}
	if _, err := CheckJSONP(200, []byte(`other([1]);`), "cb"); !errors.Is(err, ErrJSONP) {
		t.Errorf("other name: %v", err)
	}
}

// A body that is not the expected call is described, never quoted: the
// error reaches logs and spans, and the body may carry a token.
func TestUnwrapJSONPErrorQuotesNoData(t *testing.T) {
	for body, want := range map[string]string{
		`{"token":"tok_ABCDEFGHIJKLMNOP"}`:   `a body of 32 bytes starting with '{'`,
		`other({"token":"tok_ABCDEFGHIJ"});`: `"other"(...)`,
		`<html>secret page</html>`:           `a body of 24 bytes starting with '<'`,
		``:                                   `an empty body`,
	} {
		_, err := UnwrapJSONP([]byte(body), "cb")
		if !errors.Is(err, ErrJSONP) || !strings.HasSuffix(err.Error(), "want cb(...), got "+want) ||
			strings.Contains(err.Error(), "tok_") || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: %v, want ErrJSONP ending %q", body, err, want)
		}
	}
}

// A callback name may come from the URL or the data: the error quotes one
// with a control byte or a quote, and cuts a long one, so that it starts no
// line of its own where the error is printed.
func TestUnwrapJSONPErrorQuotesAnOddName(t *testing.T) {
	for name, want := range map[string]string{
		"__jsonp1700000000000":       "want __jsonp1700000000000(...)",
		"cb\nlevel=ERROR msg=forged": `want "cb\nlevel=ERROR msg=forged"(...)`,
		"cb\r\x7f":                   `want "cb\r\x7f"(...)`,
		strings.Repeat("a", 70):      `want "` + strings.Repeat("a", 64) + `…"(...)`,
		`a"b`:                        `want "a\"b"(...)`,
	} {
		_, err := UnwrapJSONP([]byte(`{}`), name)
		if !errors.Is(err, ErrJSONP) || !strings.Contains(err.Error(), want) || strings.ContainsAny(err.Error(), "\r\n\x7f") {
			t.Errorf("%q: %v, want it to say %s", name, err, want)
		}
	}
}

// A name with a Unicode line break or a terminal control (text decoded
// from the URL's callback=%C2%85...) is quoted in the error, as an ASCII
// control is.
func TestNameTextUnicodeBreaks(t *testing.T) {
	for _, name := range []string{
		"cb\u0085level=ERROR msg=forged", // NEL, a C1 line break
		"cb\u2028level=ERROR msg=forged", // LINE SEPARATOR
		"cb\u2029level=ERROR",            // PARAGRAPH SEPARATOR
		"cb\u009b31mRED",                 // C1 CSI (8-bit terminal escape)
		"cb\u202egnp.exe",                // RTL override
		"cb\xffinvalid",                  // not UTF-8
	} {
		_, err := UnwrapJSONP([]byte(`{}`), name)
		msg := err.Error()
		raw := strings.Contains(msg, "want "+name+"(")
		t.Logf("%q -> %q (raw: %v, valid utf8: %v)", name, msg, raw, utf8.ValidString(msg))
		if raw {
			t.Errorf("%q shown as it is: %q", name, msg)
		}
	}
}
