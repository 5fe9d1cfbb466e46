package client

import (
	"net/url"
	"testing"
)

// withoutUserinfo on an absolute URL's text (url.URL.String's, as
// Response.URL is made from) is that URL's text with User nil: the same
// bytes, whatever the userinfo, host, path or fragment holds.
func FuzzWithoutUserinfo(f *testing.F) {
	for _, s := range []string{
		"http://alice:s3cret@h/x?q=1", "http://tok@h:8080", "http://h/p@q?x=a@b",
		"http://u%40x:p%2F@[::1]:80/x", "https://h?x=//u@v", "mailto:u@h", "http://u:p@h#f@g",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := url.Parse(s)
		if err != nil || u.Scheme == "" || u.Host == "" { // an answer's URL has both
			return
		}
		text := u.String()
		bare := *u
		bare.User = nil
		if got, want := withoutUserinfo(text), bare.String(); got != want {
			t.Fatalf("withoutUserinfo(%q) = %q, want %q", text, got, want)
		}
	})
}
