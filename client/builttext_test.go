package client

import (
	"net/url"
	"testing"
)

// The text build gives a request's URL (Settings.URLText, StoreURLText) is
// that URL's String on every path build takes: the store compares a
// request's URL with it to see what an outer layer changed, so a text
// spelled otherwise would make every such call a miss.
func TestBuiltURLTextIsItsURL(t *testing.T) {
	urls := []string{
		"/items", "items/7", "/items?a=1", "/items?", "/items?a=1&", "/items#frag", "/items?a=1#f",
		"/caf\u00e9?q=\u00e9", "/a%2Fb?x=%20", "/a b?c d", "http://[::1]:8080/p?q", "http://u:p@base.test/p",
		"HTTP://Base.Test/P?Q", "/p?callback=?", "/p?cb=%3F&callback=x", "/*",
	}
	datas := []any{
		nil, "", "?a=1", "&a=1", "a=1#x", "a=%zz", "a=\x01", "b=2", "callback=?",
		map[string]any{"q": "go & taro", "n": 2, "nested": map[string]any{"k": "v"}},
		url.Values{"a": {"1", "2"}},
		struct {
			Page int    `json:"page"`
			Q    string `json:"q"`
		}{2, "taro"},
	}
	c := New(WithBaseURL("http://base.test/v1/"))
	compared := 0
	for _, raw := range urls {
		for _, data := range datas {
			for _, jsonp := range []bool{false, true} {
				for _, method := range []string{"GET", "HEAD", "POST"} {
					if jsonp && method != "GET" {
						continue
					}
					opt := Option{URL: raw, Data: data, Method: method, JSONP: jsonp, UseStore: true, Mode: ModeCORS}
					b, err := c.build(&opt)
					if err != nil {
						continue // refused before any I/O: no text to compare
					}
					compared++
					if got := b.parts.URL.String(); b.url != got {
						t.Errorf("%s %q data %#v jsonp %v: text %q, URL %q", method, raw, data, jsonp, b.url, got)
					}
				}
			}
		}
	}
	if compared < 400 {
		t.Fatalf("only %d calls built", compared)
	}
}
