package encoders

import (
	"net/url"
	"testing"
)

func TestEncodeURIComponent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abcXYZ019", "abcXYZ019"},
		{"a b", "a%20b"},
		{"a+b", "a%2Bb"},
		{"&=#?/", "%26%3D%23%3F%2F"},
		{":@$,;", "%3A%40%24%2C%3B"},
		{"%", "%25"},
		{"\n\t", "%0A%09"},
		{"\"<>", "%22%3C%3E"},
		{"!'()*~", "!'()*~"},
		{"-_.", "-_."},
		{"é", "%C3%A9"},
		{"中文", "%E4%B8%AD%E6%96%87"},
		{"😀", "%F0%9F%98%80"},
		{"\xff\x00", "%FF%00"},
	}
	for _, tt := range tests {
		if got := EncodeURIComponent(tt.in); got != tt.want {
			t.Errorf("EncodeURIComponent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEncodeURIComponentEveryByte(t *testing.T) {
	const keep = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		got := EncodeURIComponent(s)
		kept := false
		for i := 0; i < len(keep); i++ {
			if keep[i] == byte(c) {
				kept = true
			}
		}
		want := s
		if !kept {
			want = "%" + string(upperHex[c>>4]) + string(upperHex[c&15])
		}
		if got != want {
			t.Errorf("byte %#x: got %q, want %q", c, got, want)
		}
	}
}

func TestAppendQuery(t *testing.T) {
	tests := []struct{ url, query, want string }{
		{"http://x/p", "", "http://x/p"},
		{"http://x/p?b=2", "", "http://x/p?b=2"},
		{"http://x/p", "?&", "http://x/p"},
		{"http://x/p", "a=1", "http://x/p?a=1"},
		{"http://x/p?b=2", "a=1", "http://x/p?b=2&a=1"},
		{"http://x/p?", "a=1", "http://x/p?a=1"},
		{"http://x/p?b=2&", "a=1", "http://x/p?b=2&a=1"},
		{"http://x/p#frag", "a=1", "http://x/p?a=1#frag"},
		{"http://x/p?b=2#frag", "a=1", "http://x/p?b=2&a=1#frag"},
		{"http://x/p?#frag", "a=1", "http://x/p?a=1#frag"},
		{"http://x/p#f?g", "a=1", "http://x/p?a=1#f?g"},
		{"http://x/p", "?a=1", "http://x/p?a=1"},
		{"http://x/p?", "&a=1", "http://x/p?a=1"},
		{"http://x/p?b=2", "&a=1", "http://x/p?b=2&a=1"},
		{"/rel", "a=1&b=2", "/rel?a=1&b=2"},
		// A '?' ending a query is a value's: the data goes after an '&'
		// (Taro's fetch path and jsonp-retry send ?q=?a=1, losing a).
		{"http://x/p?q=?", "a=1", "http://x/p?q=?&a=1"},
		{"http://x/p?q=?#f", "a=1", "http://x/p?q=?&a=1#f"},
	}
	for _, tt := range tests {
		if got := AppendQuery(tt.url, tt.query); got != tt.want {
			t.Errorf("AppendQuery(%q, %q) = %q, want %q", tt.url, tt.query, got, tt.want)
		}
	}
}

// AppendQueryData appends exactly Query(data) after what dst holds, and an
// error leaves dst as it was.
func TestAppendQueryData(t *testing.T) {
	type q struct {
		A int    `json:"a"`
		B string `json:"b,omitempty"`
	}
	for _, data := range []any{nil, "?x=1", q{A: 1, B: "s p"}, &q{A: 2}, map[string]string{"k": "v&w", "a": "1"},
		map[string]any{"n": 1.5, "nil": nil}, url.Values{"z": {"1", "2"}}} {
		want, err := Query(data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendQueryData([]byte("http://h/p?"), data)
		if err != nil || string(got) != "http://h/p?"+want {
			t.Errorf("%#v: %q, %v; want %q", data, got, err, "http://h/p?"+want)
		}
	}
	for _, bad := range []any{map[string]any{"a": 1, "f": func() {}}, struct{ F func() }{func() {}}, 3} {
		got, err := AppendQueryData([]byte("prefix?"), bad)
		if err == nil || string(got) != "prefix?" {
			t.Errorf("%T: %q, %v; want the prefix alone and an error", bad, got, err)
		}
	}
}
