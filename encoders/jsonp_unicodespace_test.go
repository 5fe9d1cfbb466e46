package encoders_test

import (
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// White space around the call that is not ASCII's space, tab, CR or LF (a
// vertical tab, a form feed, a no-break space, all white space to
// JavaScript) was trimmed at the body's ends and after "/**/" before
// comments were skipped (8bc10b4); it still is between a comment or a
// semicolon and the call.
func TestUnwrapJSONPUnicodeSpaceAroundTheCall(t *testing.T) {
	for _, body := range []string{
		"/**/\u00a0cb({\"a\":1})",
		"/**/\vcb({\"a\":1})",
		"cb({\"a\":1})\u00a0;",
		"cb({\"a\":1})\f;",
		"cb({\"a\":1});\u00a0// done",
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), "cb")
		if err != nil || string(got) != `{"a":1}` {
			t.Errorf("%q: %q, %v", body, got, err)
		}
	}
	if _, err := encoders.UnwrapJSONP([]byte("cb(1)\u00a0evil()"), "cb"); err == nil {
		t.Error("code after a no-break space passed")
	}
}
