package encoders_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

func FuzzUnwrapJSONP(f *testing.F) {
	f.Add([]byte("cb({\"a\":1});"), "cb")
	f.Add([]byte("/**/ typeof cb === 'function' && cb([1,\")\"]);"), "cb")
	f.Add([]byte("\xef\xbb\xbfcb ( 1 )"), "cb")
	f.Add([]byte("("), "")
	f.Fuzz(func(t *testing.T, body []byte, name string) {
		got, err := encoders.UnwrapJSONP(body, name)
		if err != nil {
			if got != nil || err.Error() == "" {
				t.Fatalf("err %v with %q", err, got)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error has a line break: %q", err)
			}
			return
		}
		if !bytes.Contains(body, got) {
			t.Fatalf("payload %q not in body", got)
		}
	})
}

func FuzzDecodeInto(f *testing.F) {
	f.Add([]byte(`{"a":[1,2,{"b":null}]}`), 200)
	f.Add([]byte("\xef\xbb\xbf 1e999"), 204)
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		var m map[string]any
		var s []int
		var x struct {
			A []any `json:"a"`
			B *struct{ C float64 }
		}
		var a any
		for _, v := range []any{&m, &s, &x, &a} {
			if err := encoders.DecodeInto(body, status, v); err != nil && err.Error() == "" {
				t.Fatal("empty error")
			}
		}
		if encoders.DecodeInto(body, status, nil) == nil || encoders.DecodeInto(body, status, x) == nil {
			t.Fatal("non-pointer accepted")
		}
	})
}
