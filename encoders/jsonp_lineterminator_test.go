package encoders_test

import (
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// U+2028 and U+2029 end a line comment, as in JavaScript: they are line
// terminators, white space between a comment and the call too, so a call
// after (or a comment after the call behind) one is the lone call a
// browser runs.
func TestUnwrapJSONPLineTerminatorsAroundTheCall(t *testing.T) {
	for _, body := range []string{
		"// JSONP\u2028cb({\"a\":1})",
		"/**/\u2029cb({\"a\":1});",
		"cb({\"a\":1});\u2028//# sourceMappingURL=cb.js.map",
		"cb({\"a\":1})\u2029/* done */",
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), "cb")
		if err != nil || string(got) != `{"a":1}` {
			t.Errorf("%q: %q, %v", body, got, err)
		}
	}
	// Code after one still is more than the call.
	if _, err := encoders.UnwrapJSONP([]byte("cb(1)\u2028evil()"), "cb"); err == nil {
		t.Error("code after U+2028 passed")
	}
}
