package encoders_test

import (
	"errors"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// Taro hands a number or a bool body to fetch whatever its Content-Type
// says, and fetch sends its text (String(7) is "7"): taro-diff's
// ed-post-unknown-type-number. With a type no encoder is registered for
// the call failed with ErrUnsupportedContentType, though such data needs
// no encoder; it now goes as its text, as under text/plain and a form.
// An object under such a type still fails: fetch would send
// "[object Object]".
func TestScalarUnderAnUnknownTypeIsItsText(t *testing.T) {
	r := encoders.NewRegistry()
	seven, half, yes := 7, 1.5, true
	for _, tc := range []struct {
		data any
		want string
	}{
		{7.0, "7"}, {int64(-3), "-3"}, {1e21, "1e+21"}, {false, "false"}, {&seven, "7"}, {&half, "1.5"}, {&yes, "true"},
	} {
		b, err := r.EncodeBody(tc.data, "application/x-custom; v=1", 0)
		if err != nil {
			t.Errorf("%v: %v; want %q", tc.data, err, tc.want)
		} else if string(b.Bytes()) != tc.want || b.ContentType != "" {
			t.Errorf("%v: %q (type %q); want %q under the caller's type", tc.data, b.Bytes(), b.ContentType, tc.want)
		}
	}
	for _, data := range []any{map[string]any{"a": 1}, struct{ A int }{1}, []int{1}} {
		if _, err := r.EncodeBody(data, "application/x-custom", 0); !errors.Is(err, encoders.ErrUnsupportedContentType) {
			t.Errorf("%T: %v; want ErrUnsupportedContentType", data, err)
		}
	}
}
