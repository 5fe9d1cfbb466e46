package middleware

import (
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// HasDirective reports whether the Cache-Control values (each a line of
// the field, or all its spellings' lines) carry the directive name, and
// whether a line was malformed (a quoted string left open). Each
// directive is a token with an optional argument, a token or a quoted
// string (RFC 9111 §5.2: #cache-directive), so a comma or a directive's
// name inside a quoted argument is that argument's text: in
// private="a, public" the field names a and public are private's, and the
// answer is not public. The HTTP cache's parser (cacheobject) reads quoted
// strings so too: the store and the session checks read as it does.
// What follows a quoted argument up to the next comma is not a directive.
// A malformed line's directives up to the open quote are still reported;
// a caller picks the safe reading (an unclosed quote is no public, but it
// may be a no-store).
func HasDirective(values []string, name string) (found, malformed bool) {
	for _, v := range values {
		f, m := lineHasDirective(v, name)
		found, malformed = found || f, malformed || m
	}
	return found, malformed
}

func lineHasDirective(v, name string) (found, malformed bool) {
	for i := 0; i < len(v); {
		if c := v[i]; c == ' ' || c == '\t' || c == ',' {
			i++
			continue
		}
		j := i
		for j < len(v) && v[j] != ',' && v[j] != '=' {
			j++
		}
		if strings.EqualFold(strings.TrimRight(v[i:j], " \t"), name) {
			found = true
		}
		if j < len(v) && v[j] == '=' {
			j++
			for j < len(v) && (v[j] == ' ' || v[j] == '\t') {
				j++
			}
			if j < len(v) && v[j] == '"' {
				n, closed := optiontext.QuotedString(v[j:])
				if !closed {
					return found, true
				}
				j += n
			}
			for j < len(v) && v[j] != ',' {
				j++
			}
		}
		i = j
	}
	return found, false
}
