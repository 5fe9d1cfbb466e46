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
}{{"field name \"", false}, {"invalid method \"", true}}

// refusedNames is s with the value each refusal in refusedMarks quotes
// named as the client's own errors name it (optiontext): a name up to its
// first byte that is no token's, a method when it is one or a near miss of
// one, the rest by its length.
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
			at := i + len(m.mark) - 1 // the opening quote
			q, err := strconv.QuotedPrefix(rest[at:])
			if err != nil {
				b.WriteString(rest[:at+1])
				rest = rest[at+1:]
				continue
			}
			v, _ := strconv.Unquote(q)
			b.WriteString(rest[:at])
			if m.method {
				b.WriteString(optiontext.Method(v))
			} else {
				b.WriteString(optiontext.HeaderName(v))
			}
			rest = rest[at+len(q):]
		}
		b.WriteString(rest)
		s = b.String()
	}
	return s
}
