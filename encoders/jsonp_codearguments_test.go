package encoders_test

import (
	"errors"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// The arguments after the data must be data too: an identifier, an
// assignment or a call hidden from the string tracking by a comment with a
// quote is code a browser runs before the callback (or throws on, never
// calling it), so such a body is not a lone call of the callback.
func TestUnwrapJSONPRefusesCodeInLaterArguments(t *testing.T) {
	for _, body := range []string{
		`cb({"a":1}, evil)`,
		`cb({"a":1}, x = 2)`,
		`cb({"a":1}, location.href)`,
		`cb({"a":1}, /* " */ evil() /* " */)`,
		`cb({"a":1} /* , */)`,
		`cb({"a":1}, 'x')`,
		`cb({"a":1}, , 2)`,
		`cb({"a":1}, ,)`,
		`cb({"a":1}, 2, ,)`,
	} {
		if got, err := encoders.UnwrapJSONP([]byte(body), "cb"); !errors.Is(err, encoders.ErrJSONP) {
			t.Errorf("%q: %q, %v; want ErrJSONP", body, got, err)
		}
	}
	for body, want := range map[string]string{
		`cb({"a":1},)`:                    `{"a":1}`,
		`cb({"a":1}, 2, "x", null, [3],)`: `{"a":1}`,
		`cb({"a":1} , {"b":"/*"})`:        `{"a":1}`,
		"cb({\"a\":1}\n, true)":           `{"a":1}`,
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), "cb")
		if err != nil || string(got) != want {
			t.Errorf("%q: %q, %v; want %q", body, got, err, want)
		}
	}
}
