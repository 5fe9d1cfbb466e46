package encoders_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// A reader is no query data, whatever its fields: README's Data row says
// an io.Reader given to a GET or a HEAD fails with ErrUnencodable before
// any request. Before, one with exported fields was encoded as a struct:
// io.NopCloser(r) went as ?Reader=%7B%7D (found sending it to go-httpbin's
// /anything), an io.LimitedReader as ?R=%7B%7D&N=5, and a reader of yours
// with its fields, whatever they held.
func TestQueryRefusesReadersWithExportedFields(t *testing.T) {
	type upload struct {
		Token string
		io.Reader
	}
	for _, data := range []any{
		io.NopCloser(strings.NewReader("q=1")),
		&io.LimitedReader{R: strings.NewReader("q=1"), N: 5},
		upload{"s3cret", strings.NewReader("q=1")},
		&upload{"s3cret", strings.NewReader("q=1")},
	} {
		q, err := encoders.Query(data)
		if !errors.Is(err, encoders.ErrUnencodable) || q != "" {
			t.Errorf("%T: query %q, err %v; want ErrUnencodable", data, q, err)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%T: the error quotes a field's value: %v", data, err)
		}
	}
}
