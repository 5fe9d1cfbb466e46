package client

import (
	"net/http"
	"testing"
)

// Every change a check can make in an answer's header or body changes its
// print; the map's order does not.
func TestAnswerPrintTellsEveryChange(t *testing.T) {
	base := func() (http.Header, []byte) {
		return http.Header{
			"Content-Type": {"application/json"},
			"Date":         {"Sun, 29 Nov 2026 18:20:20 GMT"},
			"X-Two":        {"a", "bc"},
			"X-Long":       {"0123456789abcdef0123456789abcdef!"},
		}, []byte(`{"id":7}`)
	}
	h, body := base()
	want := answerPrint(h, body)
	for range 20 { // a map's order differs from one range to the next
		if got := answerPrint(h, body); got != want {
			t.Fatalf("the same answer printed %x, then %x", want, got)
		}
	}
	changes := map[string]func(http.Header, []byte) []byte{
		"a value's byte":           func(h http.Header, b []byte) []byte { h["Date"][0] = "Sun, 29 Nov 2026 18:20:21 GMT"; return b },
		"a long value's last byte": func(h http.Header, b []byte) []byte { h["X-Long"][0] = h["X-Long"][0][:32] + "?"; return b },
		"a value cut":              func(h http.Header, b []byte) []byte { h["X-Long"][0] = h["X-Long"][0][:32]; return b },
		"a NUL added":              func(h http.Header, b []byte) []byte { h["X-Two"][1] = "bc\x00"; return b },
		"values split otherwise":   func(h http.Header, b []byte) []byte { h["X-Two"] = []string{"ab", "c"}; return b },
		"values swapped":           func(h http.Header, b []byte) []byte { h["X-Two"] = []string{"bc", "a"}; return b },
		"an empty value added":     func(h http.Header, b []byte) []byte { h["X-Two"] = append(h["X-Two"], ""); return b },
		"a field removed":          func(h http.Header, b []byte) []byte { delete(h, "Date"); return b },
		"an empty field added":     func(h http.Header, b []byte) []byte { h["X-New"] = nil; return b },
		"a name's case": func(h http.Header, b []byte) []byte {
			h["content-type"] = h["Content-Type"]
			delete(h, "Content-Type")
			return b
		},
		"values moved to another field": func(h http.Header, b []byte) []byte {
			h["Content-Type"], h["Date"] = h["Date"], h["Content-Type"]
			return b
		},
		"a body byte":  func(h http.Header, b []byte) []byte { b[6] = '8'; return b },
		"the body cut": func(h http.Header, b []byte) []byte { return b[:7] },
	}
	for name, change := range changes {
		h, body := base()
		body = change(h, body)
		if got := answerPrint(h, body); got == want {
			t.Errorf("%s: the print did not change", name)
		}
	}
}
