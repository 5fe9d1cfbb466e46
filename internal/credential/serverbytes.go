package credential

import (
	"strconv"
	"strings"
)

// quotesServerBytes are the words before which net/http quotes the bytes a
// server sent where an answer should have begun (its first line, its first
// word). On a kept-alive connection those bytes may be the late end of
// another request's answer, another user's: a body a server writes after a
// HEAD's answer, once the next request is on its way.
var quotesServerBytes = [...]string{
	"malformed HTTP response ",
	"malformed HTTP version ",
	// "malformed HTTP status code " quotes the line's second word: one
	// that is no number is redacted already (TestMalformedStatusCodeThat
	// IsNoNumberRedacted), a number (the server's wrong code) kept.
}

// withheldServerBytes is what replaces the quoted bytes.
const withheldServerBytes = "(withheld: on a reused connection they may be another request's answer)"

// withoutServerBytes returns s with the server's bytes net/http quotes
// after one of quotesServerBytes replaced by withheldServerBytes.
func withoutServerBytes(s string) string {
	if !strings.Contains(s, "malformed HTTP ") {
		return s // the usual error: no copy
	}
	var b strings.Builder
	for {
		at, words := -1, ""
		for _, w := range quotesServerBytes {
			if i := strings.Index(s, w); i >= 0 && (at < 0 || i < at) {
				at, words = i, w
			}
		}
		if at < 0 {
			break
		}
		start := at + len(words)
		b.WriteString(s[:start])
		s = s[start:]
		n := quotedLen(s)
		if n == 0 {
			continue // not quoted: nothing of the server's follows
		}
		b.WriteString(withheldServerBytes)
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}

// quotedLen is the length of the Go-quoted string s starts with, escaped
// quotes inside included; 0 when s starts with none. One that does not
// close (text cut short) runs to the end of s. So does one quoted again
// inside another's quotes (a layer's fmt.Errorf("... %q", err.Error()), a
// JSON string): it opens with k backslashes and a quote, and closes at the
// next quote after exactly k backslashes (one inside it is after more).
func quotedLen(s string) int {
	k := len(s) - len(strings.TrimLeft(s, `\`))
	if k > 0 {
		if k >= len(s) || s[k] != '"' {
			return 0
		}
		for i := k + 1; i < len(s); i++ {
			if s[i] != '"' {
				continue
			}
			run := 0
			for run < i && s[i-1-run] == '\\' {
				run++
			}
			if run == k {
				return i + 1
			}
		}
		return len(s)
	}
	if !strings.HasPrefix(s, `"`) {
		return 0
	}
	if q, err := strconv.QuotedPrefix(s); err == nil {
		return len(q)
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}
