package credential

import (
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// refusedMarks are the words before the quoted value in net/http's refusal
// of a header name or a method it will not send ("net/http: invalid header
// field name %q", HTTP/2's "invalid header field name %q", "net/http:
// invalid method %q"): a line pasted whole as a name ("X-Custom tok",
// "X-Api-Key=tok") or a token pasted as a method is quoted there whole,
// where the text rules find a value only after a known name's colon.
var refusedMarks = []struct {
	mark   string
	method bool
}{{"field name ", false}, {"invalid method ", true}}

// refusedNames is s with the value each refusal in refusedMarks quotes
// named as the client's own errors name it (optiontext): a name up to its
// first byte that is no token's, a method when it is one or a near miss of
// one, the rest by its length. A value quoted again (a layer's
// fmt.Errorf("... %q", err.Error()), a JSON string) or cut short is named
// by its length alone (quotedLen finds where it ends).
func refusedNames(s string) string {
	for _, m := range refusedMarks {
		if !strings.Contains(s, m.mark) {
			continue
		}
		var b strings.Builder
		rest := s
		for {
			i := strings.Index(rest, m.mark)
			if i < 0 {
				break
			}
			at := i + len(m.mark) // the opening quote, if any
			n := quotedLen(rest[at:])
			if n == 0 {
				b.WriteString(rest[:at])
				rest = rest[at:]
				continue
			}
			q := rest[at : at+n]
			b.WriteString(rest[:at])
			switch v, err := strconv.Unquote(q); {
			case err != nil:
				b.WriteString(optiontext.Withheld(q))
			case m.method:
				b.WriteString(optiontext.Method(v))
			default:
				b.WriteString(optiontext.HeaderName(v))
			}
			rest = rest[at+n:]
		}
		b.WriteString(rest)
		s = b.String()
	}
	return s
}
