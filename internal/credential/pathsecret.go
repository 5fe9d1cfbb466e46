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
		if k.redactJWTs(k.escapedParams(seg, false)) == seg {
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
