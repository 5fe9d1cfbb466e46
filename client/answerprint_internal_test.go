package client

import (
	"net/http"
	"runtime"
	"strconv"
	"strings"
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
	var kept [printKept]string
	want := answerPrint(h, body, &kept)
	for range 20 { // a map's order differs from one range to the next
		if got := answerPrint(h, body, nil); got != want {
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
		if got := answerPrint(h, body, nil); got == want {
			t.Errorf("%s: the print did not change", name)
		}
	}
}

// A header with more strings than an address print keeps is printed by
// its bytes: the same then, and every change still tells.
func TestAnswerPrintOfALargeHeader(t *testing.T) {
	base := func() http.Header {
		h := http.Header{}
		for i := range printKept {
			h["X-Field-"+strconv.Itoa(i)] = []string{"v" + strconv.Itoa(i)}
		}
		return h
	}
	body := []byte(`{"id":7}`)
	var kept [printKept]string
	want := answerPrint(base(), body, &kept)
	if want&1 != 1 {
		t.Fatalf("a header of %d fields was printed by address", printKept)
	}
	if got := answerPrint(base(), body, nil); got != want { // other strings of the same bytes
		t.Fatalf("the same bytes printed %x, then %x", want, got)
	}
	h := base()
	h["X-Field-3"] = []string{"v4"}
	if answerPrint(h, body, nil) == want {
		t.Fatal("a value changed: the print did not change")
	}
	small := http.Header{"A": {"b"}}
	if answerPrint(small, body, nil)&1 != 0 {
		t.Fatal("a small header was printed by content")
	}
}

// A check that writes a value anew, after the collector ran, may get the
// address the old value had: kept alive by the first print, the old one
// cannot be freed, so no value written counts as the one it replaced.
func TestAnswerPrintKeepsTheStringsItSummed(t *testing.T) {
	for i := range 200 {
		h := http.Header{"X-Token": {strings.Repeat("a", 24+i%8)}}
		var kept [printKept]string
		before := answerPrint(h, nil, &kept)
		h["X-Token"][0] = ""
		runtime.GC()
		h["X-Token"][0] = strings.Repeat("b", 24+i%8)
		if answerPrint(h, nil, nil) == before {
			t.Fatalf("round %d: a value written anew printed as the one it replaced", i)
		}
		runtime.KeepAlive(&kept)
	}
}
