package encoders_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/encoders"
)

// 5f99f82 refused a list of io.Readers as a multipart field's value, one
// level deep; readers further in (a map of them, a list of lists, a struct
// value holding one) still went as the field's JSON text ({"front":{}},
// [[{}]], {"Photo":{}}), every content lost and the request a success.
// They are refused as the list is, before any read.
func TestMultipartRefusesReadersNestedInAField(t *testing.T) {
	type scan struct {
		Photo io.Reader
		Note  string
	}
	for name, data := range map[string]any{
		"map":            map[string]any{"photos": map[string]io.Reader{"front": strings.NewReader("jpeg bytes")}},
		"map of any":     map[string]any{"photos": map[string]any{"front": strings.NewReader("jpeg bytes")}},
		"list of lists":  map[string]any{"photos": [][]io.Reader{{strings.NewReader("jpeg bytes")}}},
		"any in any":     map[string]any{"photos": []any{[]any{strings.NewReader("jpeg bytes")}}},
		"struct value":   map[string]any{"scan": scan{Photo: strings.NewReader("jpeg bytes")}},
		"struct ptr":     map[string]any{"scan": &scan{Photo: strings.NewReader("jpeg bytes")}},
		"list of struct": map[string]any{"scans": []scan{{Photo: strings.NewReader("jpeg bytes")}}},
	} {
		t.Run(name, func(t *testing.T) {
			body, _, err := encoders.Multipart{}.Encode(data, "multipart/form-data")
			if !errors.Is(err, encoders.ErrUnencodable) {
				t.Fatalf("err %v, body %q: want ErrUnencodable, not the content lost", err, body)
			}
		})
	}
}

// Nested values without a reader (or whose reader is hidden from JSON, or
// has its own JSON form) still go as their JSON text.
func TestMultipartNestedValuesStillEncode(t *testing.T) {
	type hidden struct {
		R    io.Reader `json:"-"`
		Name string
	}
	type unexported struct {
		r    io.Reader
		Name string
	}
	type cyclic struct {
		Next *cyclic
		N    int
	}
	for name, c := range map[string]struct {
		data any
		want string
	}{
		"map":        {map[string]any{"m": map[string]any{"a": []int{1}}}, `{"a":[1]}`},
		"struct":     {map[string]any{"s": struct{ A, B string }{"x", "y"}}, `{"A":"x","B":"y"}`},
		"time":       {map[string]any{"t": []time.Time{time.Unix(0, 0).UTC()}}, `["1970-01-01T00:00:00Z"]`},
		"json -":     {map[string]any{"h": hidden{R: strings.NewReader("x"), Name: "n"}}, `{"Name":"n"}`},
		"unexported": {map[string]any{"u": unexported{r: strings.NewReader("x"), Name: "n"}}, `{"Name":"n"}`},
		"deep":       {map[string]any{"d": &cyclic{Next: &cyclic{N: 2}, N: 1}}, `{"Next":{"Next":null,"N":2},"N":1}`},
	} {
		t.Run(name, func(t *testing.T) {
			body, _, err := encoders.Multipart{}.Encode(c.data, "multipart/form-data")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(body), "\r\n\r\n"+c.want+"\r\n") {
				t.Fatalf("body %q, want the field %s", body, c.want)
			}
		})
	}
}
