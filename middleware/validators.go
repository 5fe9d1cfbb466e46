package middleware

import (
	"iter"
	"net/http"
	"strings"
	"time"
)

// StrongETag reports whether v is one strong entity-tag (RFC 9110 §8.8.3:
// a quoted opaque-tag of etagc, no W/): the only kind If-Range may carry
// besides a strong date. A weak, unquoted (go-httpbin's range100000),
// listed or empty one promises nothing about the bytes a range would
// splice in.
func StrongETag(v string) bool {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return false
	}
	for _, c := range []byte(v[1 : len(v)-1]) {
		if c < 0x21 || c == '"' || c == 0x7f { // not etagc
			return false
		}
	}
	return true
}

// StrongDate reports whether a Last-Modified lm is a strong validator: its
// answer's Date at least a second after it (RFC 9110 §8.8.2.2). One of the
// same second (or with no Date to tell) may name two versions, the second
// written in the second the first was.
func StrongDate(lm, date string) bool {
	m, err1 := http.ParseTime(lm)
	d, err2 := http.ParseTime(date)
	return lm != "" && err1 == nil && err2 == nil && !d.Before(m.Add(time.Second))
}

// VaryFields yields the field names an answer's Vary lists, canonical, in
// the order given, "*" as it is. Every spelling of Vary counts
// (FieldValues): a transport of the user's may give "vary" (an adapter
// copying HTTP/2's lower-case names), and a Vary missed lets one value's
// answer (a tenant's) answer another.
func VaryFields(h http.Header) iter.Seq[string] { return VaryNames(FieldValues(h, "Vary")) }

// VaryNames is VaryFields of the values of every spelling of Vary
// (FieldValues(h, "Vary"), AnswerFields.Vary).
func VaryNames(values []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, v := range values {
			for f := range strings.SplitSeq(v, ",") {
				if f = strings.TrimSpace(f); f == "" {
					continue
				}
				if f != "*" {
					f = http.CanonicalHeaderKey(f)
				}
				if !yield(f) {
					return
				}
			}
		}
	}
}

// VariedBelow reports whether a field that the Vary of an answer with
// header h names has other values in below, the request as a layer below
// a store or an HTTP cache sent it, than in above, the request as the
// store or the cache keyed it (blanks around each value aside, RFC 9111
// §4.1): a layer that sets each tenant's X-Shard from its context sent
// two callers' requests under one key, and the answer is that value's.
// Vary: * is left out (never written, never matched).
func VariedBelow(h, above, below http.Header) bool {
	for n := range VaryFields(h) {
		if n == "*" {
			continue
		}
		a, b := FieldValues(above, n), FieldValues(below, n)
		if len(a) != len(b) {
			return true
		}
		for i := range a {
			if strings.TrimSpace(a[i]) != strings.TrimSpace(b[i]) {
				return true
			}
		}
	}
	return false
}
