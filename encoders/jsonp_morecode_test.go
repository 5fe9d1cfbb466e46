package encoders

import (
	"errors"
	"strings"
	"testing"
)

// A body that holds the expected call with more code beside it (another
// function's call, a second call with no statement end before it, found
// with go-httpbin's /base64 serving "cb({…}) cb({…})") is refused as
// before, and the error says why: it named the same call twice, "want
// cb(...), got "cb"(...)". It quotes no data. (A second call of cb after a
// semicolon is taken: TestUnwrapJSONPLaterCallsOfTheCallback.)
func TestUnwrapJSONPErrorSaysMoreCode(t *testing.T) {
	for _, body := range []string{
		`cb({"token":"tok_ABCDEFGHIJ"}); other({"v":2});`,
		`cb({"token":"tok_ABCDEFGHIJ"}) cb({"v":2});`,
		`cb({"token":"tok_ABCDEFGHIJ"}) + 1`,
		`cb({"token":"tok_ABCDEFGHIJ"}, 2) && other()`,
	} {
		_, err := UnwrapJSONP([]byte(body), "cb")
		if !errors.Is(err, ErrJSONP) || !strings.HasSuffix(err.Error(), "want cb(...) alone, got cb(...) with more code than the call") ||
			strings.Contains(err.Error(), "tok_") {
			t.Errorf("%s: %v", body, err)
		}
	}
}
