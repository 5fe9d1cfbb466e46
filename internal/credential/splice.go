package credential

import "strings"

// splice makes a copy of s with some of its ranges replaced, left to right,
// as every redaction pass here does: nothing is copied (nor allocated)
// until the first replacement, and a text with none is returned as it is.
type splice struct {
	s       string
	b       strings.Builder
	done    int // s[:done] is in b, written or replaced
	changed bool
}

// replace writes s from where the last replacement ended up to from, then
// with in place of s[from:to].
func (p *splice) replace(from, to int, with string) {
	p.b.WriteString(p.s[p.done:from])
	p.b.WriteString(with)
	p.done, p.changed = to, true
}

// String is the copy, with the rest of s after the last replacement, or s
// itself when nothing was replaced.
func (p *splice) String() string {
	if !p.changed {
		return p.s
	}
	p.b.WriteString(p.s[p.done:])
	return p.b.String()
}
