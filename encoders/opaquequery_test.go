package encoders_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/encoders"
)

// Data of which nothing would reach a query is refused, not dropped.
func TestQueryRefusesOpaqueValues(t *testing.T) {
	type stamp struct{ time.Time }       // an embedded opaque type: JSON would write it, a query gets nothing
	type buffered struct{ bytes.Buffer } // the same
	for _, data := range []any{strings.NewReader("q=1"), bytes.NewBufferString("q=1"), time.Now(), struct{ secret int }{1},
		stamp{time.Now()}, &buffered{}} {
		if q, err := encoders.Query(data); !errors.Is(err, encoders.ErrUnencodable) {
			t.Errorf("%T: query %q, err %v; want ErrUnencodable", data, q, err)
		}
	}
	type allSkipped struct {
		A int    `json:"-"`
		B string `json:"-"`
	}
	// Exported fields all tagged "-" send nothing, as JSON would: the
	// caller left them out, nothing is lost.
	for data, want := range map[any]string{struct{}{}: "", struct{ Q string }{"a"}: "Q=a", allSkipped{1, "x"}: ""} {
		if q, err := encoders.Query(data); err != nil || q != want {
			t.Errorf("%T: %q, %v; want %q", data, q, err, want)
		}
	}
}
