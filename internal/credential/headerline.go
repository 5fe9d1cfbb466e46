package credential

import (
	"slices"
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// withoutHeaderValues returns s with the value of every header field line
// quoted in it whose name is a credential header's (IsHeader) replaced by
// Redacted (or one of extra's): net/textproto's "malformed MIME header line: %q", which
// net/http's errors carry, quotes the whole line a server sent, a
// Set-Cookie's session or an X-Auth-Token's value included, when one byte
// of it is not allowed (a control character). The value runs from
// after the colon and the spaces behind it to the closing quote (one
// escaped inside, \", is the value's). s itself when no line is redacted.
func withoutHeaderValues(s string, extra []string) string {
	if strings.IndexByte(s, '"') < 0 {
		return s
	}
	sp := splice{s: s}
	list := false // the quote after the one that closed a value of a %q-quoted list opens the next
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		if end, ok := statusCode(s, i); ok {
			sp.replace(i+1, end, Redacted)
			i = end
			continue
		}
		if v, end, whole := foldedLine(s, i, list, extra); whole {
			if v >= 0 && s[v:end] != Redacted {
				sp.replace(v, end, Redacted)
			}
			list = (list || strings.HasSuffix(s[:i], "[")) && strings.HasPrefix(s[end:], `" "`)
			i = end
			continue
		}
		list = false
		// Spaces and escapes before a name only where a quote opens (after
		// "line: " or the backslash that escapes it, quoted again), not
		// after a quoted word ("a" token:, "C:\\" token:).
		opens := i == 0 || strings.IndexByte(" \t:=([{,", s[i-1]) >= 0 || escapedQuote(s, i)
		name, j := quotedName(s, i+1, opens)
		for j < len(s) && s[j] == ' ' {
			j++
		}
		// A line net/textproto refuses for a byte after the name or a
		// missing colon ("Set-Cookie(: sid=…", "Authorization abc") is
		// quoted whole: its rest after the name is the value.
		whole := j < len(s) && s[j] != ':' && refusedLine(s[:i])
		if name != "" && j < len(s) && s[j] == ':' && !IsHeader(name, extra) && refusedLine(s[:i]) {
			// Another field's line net/textproto refused, quoted whole: its
			// value is redacted as a header's value is in a record (a
			// secret-named parameter, X-Echo: token=…; a URL's secrets).
			// (Only such a line: a quoted word of other text is no field,
			// and the value's own redaction looks for lines no deeper.)
			v := j + 1
			for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
				v++
			}
			end := quotedEnd(s, v)
			if val := s[v:end]; !strings.Contains(val, "header line: ") {
				if red := Keys(nil).URLHeader(name, val); red != val {
					sp.replace(v, end, red)
				}
			}
			i = end // the closing quote
			continue
		}
		if name == "" || j >= len(s) || (s[j] != ':' && !whole) || !IsHeader(name, extra) {
			i = j - 1 // nothing from i+1 to j is a quote
			continue
		}
		v := j + 1
		if whole {
			v = j
		}
		for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
			v++
		}
		end := quotedEnd(s, v)
		if end > v && s[v:end] != Redacted {
			sp.replace(v, end, Redacted)
		}
		i = end // the closing quote
	}
	return sp.String()
}

// escapedQuote reports whether the quote at s[i] is escaped: an odd run of
// backslashes before it (\" of text quoted again, \\\" of one quoted
// thrice); after an even one (\\", an escaped backslash) it is a quote of
// its own, which may close a word ending in a backslash.
func escapedQuote(s string, i int) bool {
	n := 0
	for i-n > 0 && s[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// quotedName reads a header field name from s[j] on as %q quotes the line
// it starts: token bytes, with the escapes %q writes for the bytes no name
// may hold (a control byte, a tab, a byte not UTF-8, a backslash:
// "Set-Cookie\x01: …"), and the other characters not ASCII, which %q
// leaves as they are ("X-Auth-Tokené: …"), dropped: net/textproto refuses
// such a line and quotes it whole. So are the spaces and the escapes
// before it ("malformed MIME header initial line"
// quotes a first line that starts with a space or a tab), when lead says
// the quote opens one. It returns the name and where it ends.
func quotedName(s string, j int, lead bool) (string, int) {
	for lead && j < len(s) && (s[j] == ' ' || escapeLen(s, j) > 0) {
		j += max(escapeLen(s, j), 1)
	}
	start := j
	var joined []byte // the name's token bytes, once an escape splits them
	for j < len(s) {
		if optiontext.IsTokenByte(s[j]) {
			if joined != nil {
				joined = append(joined, s[j])
			}
			j++
			continue
		}
		n := escapeLen(s, j)
		if n == 0 && s[j] >= 0x80 {
			n = 1 // a character %q writes as it is (é, U+1F600): no name holds one either
		}
		if n == 0 {
			break
		}
		if joined == nil {
			joined = append(make([]byte, 0, 64), s[start:j]...)
		}
		j += n
	}
	if joined != nil {
		return string(joined), j
	}
	return s[start:j], j
}

// escapeLen is the length of the escape %q writes for a control byte, a
// byte that is not UTF-8 or a backslash (\t, \x01, \u0085, \\) at s[j],
// its backslashes doubled when the text was quoted again; 0 when there is
// none.
func escapeLen(s string, j int) int {
	k := j
	for k < len(s) && s[k] == '\\' {
		k++
	}
	if k == j || k == len(s) {
		return 0
	}
	n := 0
	switch s[k] {
	case 'a', 'b', 'f', 'n', 'r', 't', 'v':
		n = 1
	case 'x':
		n = 3
	case 'u':
		n = 5
	case 'U':
		n = 9
	}
	if n == 0 || k+n > len(s) {
		return (k - j) &^ 1 // a backslash itself, %q's \\ (doubled when quoted again); 0 for a lone one
	}
	return k - j + n
}

// refusedLine reports whether s ends with the words net/textproto writes
// before the %q of a header line it refuses.
func refusedLine(s string) bool {
	return strings.HasSuffix(s, "header line: ") || strings.HasSuffix(s, "initial line: ") ||
		strings.HasSuffix(s, "missing colon: ")
}

// foldedValueLeads are the words before the %q of a header value quoted
// whole in an error, into which net/textproto may have folded a line:
// net/http's Content-Length and Transfer-Encoding errors (each element of
// their lists too), and taroreq's own quoting a response's Content-Type
// (Events' not an event stream), Content-Encoding (a refused resume) and
// Content-Range (the CLI).
var foldedValueLeads = []string{
	"bad Content-Length ", "transfer encoding: ", "transfer encodings: [", "headers; got [",
	"Content-Type ", "Content-Encoding ", "Content-Range ",
}

// quotedEnd returns where the %q-quoted value whose text starts at s[from]
// ends: its closing quote (an escaped one, \", is the value's), or len(s)
// for a value cut short.
func quotedEnd(s string, from int) int {
	end := from
	for end < len(s) && s[end] != '"' {
		if s[end] == '\\' {
			end++
		}
		end++
	}
	return min(end, len(s))
}

// foldedLine reports whether the quote at s[i] opens a header value or
// line net/http's errors quote whole: a line net/textproto refuses
// (refusedLine), a Content-Length, Transfer-Encoding or Location value
// (twice: url.Parse's error quotes it again), a Content-Type,
// Content-Encoding or Content-Range value, any element of a list of
// them (inList: the one before was one). In it, it finds a
// credential header line net/textproto folded in (a line starting with a
// space continues the one before: "0 Set-Cookie: sid=…"), the name followed
// by a colon or by a byte it refused ("Set-Cookie(: sid=…", "Authorization
// abc"), or at the start of a refused line. It returns where that line's
// value starts (-1 when there is none), where the quoted value ends and
// whether the value was one of those (false for a refused line in which
// it found none: the caller reads its other forms).
func foldedLine(s string, i int, inList bool, extra []string) (int, int, bool) {
	folded := inList || slices.ContainsFunc(foldedValueLeads, func(lead string) bool { return strings.HasSuffix(s[:i], lead) })
	// net/http's "failed to parse Location header %q: %v" of a *url.Error:
	// a URL, whose userinfo may hold a word like a name ("TOP SECRET@"),
	// has a line folded in only where a colon follows the name.
	url := strings.HasSuffix(s[:i], "Location header ") || strings.HasSuffix(s[:i], "parse ")
	folded = folded || url
	if !folded && !refusedLine(s[:i]) {
		return -1, 0, false
	}
	end := quotedEnd(s, i+1)
	for k := i + 1; k < end; k++ {
		if s[k-1] != ' ' && s[k-1] != '"' && k != i+1 { // '"': an escaped quote before the name
			continue
		}
		name, j := quotedName(s, k, false)
		// After the name a colon, a space (none), or one byte or escape
		// net/textproto refuses before it ("Set-Cookie(: ", "\x01: "); not
		// any byte: a URL's userinfo may hold a word like a name ("TOP SECRET@host").
		n := max(escapeLen(s, j), 1)
		if n == 1 && j < end && s[j] == '\\' {
			n = 2 // \" of a quote
		}
		refused := j < end && (s[j] == ' ' || s[min(j+n, end-1)] == ':')
		if j < end && name != "" && (s[j] == ':' || refused && !url) && IsHeader(name, extra) {
			if s[j] == ':' {
				j++
			}
			for ; j < end && (s[j] == ' ' || s[j] == '\t'); j++ {
			}
			return j, end, true
		}
		k = max(k, j-1)
	}
	return -1, end, folded // a refused line's other forms are withoutHeaderValues's
}

// statusCode reports whether the quote at s[i] opens the status code
// net/http's "malformed HTTP status code %q" quotes, the second word of a
// first line, that is no short number: a server that writes a header line
// first ("Set-Cookie: sid=…", "X-Api-Key: …") has its value quoted there
// without its name, a numeric key's too ("X-Api-Key: 8675309123"). A
// number of up to 4 digits is the server's wrong code ("2000", "20"):
// kept. It returns where the quoted value ends.
func statusCode(s string, i int) (int, bool) {
	if !strings.HasSuffix(s[:i], "malformed HTTP status code ") {
		return 0, false
	}
	end := quotedEnd(s, i+1)
	v := s[i+1 : end]
	if v == Redacted {
		return 0, false
	}
	if len(v) > 4 {
		return end, true
	}
	for j := 0; j < len(v); j++ {
		if v[j] < '0' || v[j] > '9' {
			return end, true
		}
	}
	return 0, false
}
