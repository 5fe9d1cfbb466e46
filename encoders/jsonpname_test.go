package encoders

import (
	"strings"
	"testing"
	"unicode/utf8"
)

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
