package encoders_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/encoders"
)

// account's JSON form leaves its password out and renames its fields.
type account struct {
	User     string
	Password string
	Tags     []string
}

func (a account) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"user": a.User, "tags": a.Tags, "none": nil})
}

// ptrFilter marshals itself with a pointer receiver, as json.Marshal(&f) does.
type ptrFilter struct{ Q string }

func (f *ptrFilter) MarshalJSON() ([]byte, error) {
	return []byte(`{ "q" : "` + f.Q + `", "n": 1.50, "o": {"a" : [1, 2]} }`), nil
}

// Data that marshals itself is put in a query or a form as the object its
// MarshalJSON gives, the members in its order, as its JSON body has it:
// not by its Go fields, which its JSON form may rename or leave out.
func TestQueryOfAMarshaler(t *testing.T) {
	for _, tc := range []struct {
		data any
		want string
	}{
		{account{User: "ann", Password: "s3cret", Tags: []string{"a b"}}, "tags=%5B%22a%20b%22%5D&user=ann"},
		{&account{User: "ann", Password: "s3cret"}, "user=ann"},
		{&ptrFilter{Q: "x y"}, "q=x%20y&n=1.50&o=%7B%22a%22%3A%5B1%2C2%5D%7D"},
	} {
		got, err := encoders.Query(tc.data)
		if err != nil || got != tc.want {
			t.Errorf("Query(%#v) = %q, %v; want %q", tc.data, got, err, tc.want)
		}
		body, err := encoders.NewRegistry().EncodeBody(tc.data, "application/x-www-form-urlencoded", 0)
		if err != nil || string(body.Bytes()) != tc.want {
			t.Errorf("form body of %#v = %q, %v; want %q", tc.data, body.Bytes(), err, tc.want)
		}
	}
	// One whose JSON form is no object has nothing to put in a query.
	for _, data := range []any{time.Unix(0, 0), struct{ time.Time }{}} {
		if _, err := encoders.Query(data); !errors.Is(err, encoders.ErrUnencodable) {
			t.Errorf("Query(%#v): err %v, want ErrUnencodable", data, err)
		}
	}
}

// A multipart body of such data has its JSON form's fields too.
func TestMultipartOfAMarshaler(t *testing.T) {
	body, err := encoders.NewRegistry().EncodeBody(account{User: "ann", Password: "s3cret"}, "multipart/form-data", 0)
	if err != nil {
		t.Fatal(err)
	}
	b := string(body.Bytes())
	if !strings.Contains(b, "name=\"user\"\r\n\r\nann\r\n") || strings.Contains(b, "s3cret") || strings.Contains(b, "Password") {
		t.Errorf("multipart body of account: %q; want the user field alone", b)
	}
}

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
