package middleware

import (
	"hash/maphash"
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
	// Print is a keyed hash of the header's names and values (its fields
	// in any order, each field's values in order), never 0: a layer that
	// stored a header of that print tells a new one of the same content
	// without comparing the two. Headers of other contents print alike
	// with a chance of 2^-63 (the seed is the process's, drawn at start).
	Print uint64
}

// printSeed seeds AnswerFields.Print; set once, read only.
var printSeed = maphash.MakeSeed()

// FieldsOf returns what AnswerFields says of h, names being the caller's
// credential header names as ImpersonalWith and HandsSessionWith take
// them.
func FieldsOf(h http.Header, names []string) AnswerFields {
	var f AnswerFields
	session, otherCacheControl, otherVary := false, false, false
	sum := uint64(len(h))
	for k, vs := range h {
		fp := maphash.String(printSeed, k)
		for _, v := range vs {
			fp = fp*0x100000001b3 ^ maphash.String(printSeed, v)
		}
		// A sum, as the fields come in the map's order; each mixed so
		// that two fields swapping values do not cancel out.
		sum += (fp ^ uint64(len(vs))) * 0x9e3779b97f4a7c15
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
	f.Print = sum | 1
	return f
}
