package middleware

import (
	"net/http"
	"sort"
	"strings"
)

// FieldValues returns the values of header field name (canonical) in h,
// those of every other spelling of it too (a plain http.Client sends a
// header map as the caller built it: "x-user" is not "X-User" to a map
// lookup), the spellings in byte order, the canonical one first. A key made
// of them is the same whatever the map's order.
func FieldValues(h http.Header, name string) []string {
	var other []string
	for k := range h {
		if len(k) == len(name) && k != name && strings.EqualFold(k, name) {
			other = append(other, k)
		}
	}
	return spellingsValues(h, name, other)
}

// spellingsValues is FieldValues(h, name) of a header whose other
// spellings of name are other (in any order; sorted here).
func spellingsValues(h http.Header, name string, other []string) []string {
	vs := h[name]
	if len(other) == 0 {
		return vs
	}
	sort.Strings(other)
	out := append([]string(nil), vs...)
	for _, k := range other {
		out = append(out, h[k]...)
	}
	return out
}
