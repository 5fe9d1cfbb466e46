package credential

import (
	"net/url"
	"slices"
	"strings"
)

// segmentAddsSecret reports whether a segment of u's path (as sent) holds
// an escaped query with a secret parameter or a JWT, and is not one of
// made's segments byte for byte.
func (k Keys) segmentAddsSecret(u, made *url.URL) bool {
	p := pathText(u)
	if !strings.Contains(p, "%") && !strings.Contains(p, "eyJ") {
		return false // the common case: nothing escaped, no JWT
	}
	var had []string
	for _, seg := range strings.Split(p, "/") {
		if !k.segmentHoldsSecret(seg) {
			continue
		}
		if had == nil {
			had = strings.Split(pathText(made), "/")
		}
		if !slices.Contains(had, seg) {
			return true
		}
	}
	return false
}

// segmentHoldsSecret reports whether the path segment seg (as sent) holds
// a secret that a server decoding the path reads: a JWT, or a query with
// a secret parameter escaped in it. The segment is also read decoded,
// once and twice (%253F), as a server and a proxy before it decode it,
// so that an escape the textual scan does not take for one still counts:
// url.PathEscape's "x%3Faccess_token=alice" (its '=' left as it is), an
// escaped letter of the name (%61ccess_token) or of a JWT (%65yJ…), a
// parameter after a literal '&'.
func (k Keys) segmentHoldsSecret(seg string) bool {
	if k.redactJWTs(k.escapedParams(seg, false)) != seg {
		return true
	}
	s := seg
	for range 2 {
		d, err := url.PathUnescape(s)
		if err != nil || d == s {
			return false
		}
		s = d
		if k.redactJWTs(s) != s {
			return true
		}
		if _, q, ok := strings.Cut(s, "?"); ok && k.WithoutAddedSecrets(q, "") != q {
			return true
		}
	}
	return false
}
