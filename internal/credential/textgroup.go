package credential

import (
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// quotedValueEnd is the index of the quote that closes the quoted value
// starting at s[i] (a '"', whose backslash escapes are honoured, or a
// '\”), and whether it is one: closed, and followed by the end of s or
// a byte that ends a value ('&', ';', '#', ',', ')', a quote or a blank).
// A quote that closes a quoted URL (Get "https://x/?token=": EOF) opens
// none: what follows it up to the next quote is no value. Without a
// closing quote, it is len(s).
func quotedValueEnd(s string, i int) (int, bool) {
	var n int
	var closed bool
	if s[i] == '"' {
		n, closed = optiontext.QuotedString(s[i:])
	} else if c := strings.IndexByte(s[i+1:], '\''); c >= 0 {
		n, closed = c+2, true
	}
	if !closed {
		return len(s), false
	}
	after := i + n
	return after - 1, after == len(s) || strings.IndexByte("&;#,)\"' \t\r\n", s[after]) >= 0
}

// groupEnd is the index just after the inner list starting at s[i] (a
// '(', structured fields' inner list: ("a" "b")), nested lists and quoted
// strings read as such, and whether it closes: it does not past a '&',
// '#' or a line's end, which end a value whatever it holds.
func groupEnd(s string, i int) (int, bool) {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1, true
			}
		case '"':
			n, closed := optiontext.QuotedString(s[i:])
			if !closed {
				return len(s), false
			}
			i += n - 1
		case '&', '#', '\r', '\n':
			return i, false
		}
	}
	return len(s), false
}

// quoteIndex is 0 for '"', 1 for '\”.
func quoteIndex(q byte) int {
	if q == '"' {
		return 0
	}
	return 1
}

// queryScan tells whether a byte of free text is in a URL's query: after a
// '?' in its word (the text since the last blank, quote or bracket). It
// reads the text once, forward, as Text asks about ever later bytes.
type queryScan struct {
	next, lastQuery, lastBreak int
}

// inQuery reports whether s[p] follows a '?' of its word.
func (q *queryScan) inQuery(s string, p int) bool {
	if q.next == 0 {
		q.lastQuery, q.lastBreak = -1, -1
	}
	for ; q.next < p; q.next++ {
		switch s[q.next] {
		case '?':
			q.lastQuery = q.next
		case ' ', '\t', '\r', '\n', '"', '\'', '<', '>':
			q.lastBreak = q.next
		}
	}
	return q.lastQuery > q.lastBreak
}
