package middleware

import (
	"net/http"
	"strings"
)

// AnswerFields is what a layer that writes answers (the store) asks of a
// response's header before it writes one, found in one pass over the
// header: each of the questions alone walks the whole map, and a header
// walked four times costs a store write as much as its encoding.
// It holds the header's own values, to be read, not written; safe for
// concurrent reads.
type AnswerFields struct {
	// CacheControl and Vary are FieldValues(h, "Cache-Control") and
	// FieldValues(h, "Vary"): every spelling's values.
	CacheControl, Vary []string
	// Personal reports whether ImpersonalWith(h, names) leaves a field
	// out (and so returns a copy).
	Personal bool
	// HandsSession is HandsSessionWith(h, names).
	HandsSession bool
}

// FieldsOf returns what AnswerFields says of h, names being the caller's
// credential header names as ImpersonalWith and HandsSessionWith take
// them.
func FieldsOf(h http.Header, names []string) AnswerFields {
	var f AnswerFields
	session, otherCacheControl, otherVary := false, false, false
	for k := range h {
		switch {
		case len(k) == len("Cache-Control") && k != "Cache-Control" && strings.EqualFold(k, "Cache-Control"):
			otherCacheControl = true
		case len(k) == len("Vary") && k != "Vary" && strings.EqualFold(k, "Vary"):
			otherVary = true
		}
		if personalWith(k, names) {
			f.Personal = true
			session = session || !authExchangeField(k)
		}
	}
	// Another spelling's values are gathered as FieldValues gathers them
	// (a copy, in its order); the usual header has none: its own slice.
	if f.CacheControl = h["Cache-Control"]; otherCacheControl {
		f.CacheControl = FieldValues(h, "Cache-Control")
	}
	if f.Vary = h["Vary"]; otherVary {
		f.Vary = FieldValues(h, "Vary")
	}
	f.HandsSession = session && !public(h)
	return f
}
