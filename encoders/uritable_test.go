package encoders

import (
	"net/url"
	"testing"
)

// The table every query is written through says what keepURIByte says, for
// every byte, and a run of kept bytes is written as the bytes one at a time.
func TestURIKeptIsKeepURIByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		if uriKept[c] != keepURIByte(byte(c)) {
			t.Errorf("uriKept[%#x] = %v, keepURIByte says %v", c, uriKept[c], !uriKept[c])
		}
		s := "a" + string([]byte{byte(c)}) + "b" + string([]byte{byte(c), byte(c)})
		var want []byte
		for i := 0; i < len(s); i++ {
			if keepURIByte(s[i]) {
				want = append(want, s[i])
			} else {
				want = append(want, '%', upperHex[s[i]>>4], upperHex[s[i]&15])
			}
		}
		if got := appendURIComponent([]byte("x="), s); string(got) != "x="+string(want) {
			t.Errorf("appendURIComponent(%q) = %q, want %q", s, got, want)
		}
	}
}

// A struct field's name is escaped as a map key is: the name escaped once
// with the type writes the same query.
func TestStructFieldNameEscapedAsMapKey(t *testing.T) {
	type odd struct {
		A int    `json:"a b&c=é"`
		B string `json:"x+y/%"`
		C bool   `json:"plain"`
	}
	got, err := Query(odd{A: 1, B: "v w", C: true})
	if err != nil {
		t.Fatal(err)
	}
	const want = "a%20b%26c%3D%C3%A9=1&x%2By%2F%25=v%20w&plain=true"
	if got != want {
		t.Fatalf("Query = %q, want %q", got, want)
	}
	vs, err := url.ParseQuery(got)
	if err != nil || vs.Get("a b&c=é") != "1" || vs.Get("x+y/%") != "v w" {
		t.Fatalf("parsed back as %v, %v", vs, err)
	}
}
