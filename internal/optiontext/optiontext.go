// Package optiontext names a caller's option value in an error that
// refuses it, without echoing a secret written into it by mistake: a token
// pasted into Method or Mode, a Content-Type parameter holding one. The
// credential model's text redaction reads URLs and header lines; an option
// value is neither, so it would pass through whole. What an error says
// instead is what helps to mend the call: the value when it is a near miss
// of one the option takes (a typo holds nothing but the word meant), else
// its length alone.
package optiontext

import (
	"strconv"
	"strings"
)

// maxShown bounds a value an error quotes: a near miss of a short word is
// short, and a huge one would fill the line.
const maxShown = 64

// Withheld is how an error names a value it does not quote: by its length.
func Withheld(v string) string {
	if len(v) == 1 {
		return "[1 byte withheld]"
	}
	return "[" + strconv.Itoa(len(v)) + " bytes withheld]"
}

// Enum names v, a value given for an option that takes one of accepted
// (compared without case): v quoted when it is one of them or at most two
// edits away from one (a typo: "corz", "no_cache", "GETT"), else
// Withheld(v): a value that is no near miss of any may be anything the
// caller had at hand, a token pasted into the wrong field.
func Enum(v string, accepted ...string) string {
	if len(v) <= maxShown {
		for _, a := range accepted {
			if nearMiss(v, a) {
				return strconv.Quote(v)
			}
		}
	}
	return Withheld(v)
}

// Method names a method the client does not send as an error quotes it:
// Enum's rule, the methods being those the client sends and the others of
// IANA's registry (and PURGE), which it refuses.
func Method(m string) string { return Enum(m, methodNames...) }

// SentMethod names a request's method in an error, a log or a span: as it
// is when it is a token, which net/http sends as it is (the server sees
// it), else as Method names it: net/http refuses to send it, and what was
// written there ("GET tok") may be a token pasted into the wrong field.
func SentMethod(m string) string {
	if IsToken(m) || m == "" {
		return m
	}
	return Method(m)
}

var methodNames = []string{"OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT", "PATCH",
	"ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "COPY", "LABEL", "LINK", "LOCK",
	"MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MKREDIRECTREF", "MKWORKSPACE", "MOVE",
	"ORDERPATCH", "PRI", "PROPFIND", "PROPPATCH", "PURGE", "QUERY", "REBIND", "REPORT", "SEARCH",
	"UNBIND", "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE", "UPDATEREDIRECTREF", "VERSION-CONTROL"}

// nearMiss reports whether v is at most two edits (insert, delete,
// replace, ASCII case aside) from a.
func nearMiss(v, a string) bool {
	const most = 2
	if len(v) > len(a)+most || len(a) > len(v)+most {
		return false
	}
	// Levenshtein distance, one row at a time; both are short.
	prev := make([]int, len(a)+1)
	cur := make([]int, len(a)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(v); i++ {
		cur[0] = i
		for j := 1; j <= len(a); j++ {
			cost := 1
			if lower(v[i-1]) == lower(a[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(a)] <= most
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// topLevelTypes are the registered top-level media types (RFC 6838 §4.2,
// RFC 9694's haptics), and "*": a type/subtype under one of them is a media
// type, quoted as it is; anything else may be a secret.
var topLevelTypes = []string{"application", "audio", "example", "font", "haptics", "image", "message",
	"model", "multipart", "text", "video", "*"}

// charsets are the charset values an error quotes (and their near misses):
// the common ones; any other value of a parameter is withheld.
var charsets = []string{"utf-8", "utf-16", "utf-16le", "utf-16be", "us-ascii", "iso-8859-1", "iso-8859-15",
	"windows-1252", "gbk", "gb2312", "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "koi8-r"}

// ContentType names a Content-Type value as an error quotes it: its media
// type when it is one (a registered top-level type, "/", a subtype), each
// parameter by its name, its value withheld ("…") but for a charset's
// (see charsets): a parameter holds what a server was given, a token at
// times ("application/json; token=…").
func ContentType(v string) string {
	mt, params, _ := strings.Cut(v, ";")
	mt = strings.TrimSpace(mt)
	var b strings.Builder
	typ, sub, ok := strings.Cut(mt, "/")
	if ok && len(mt) <= maxShown && IsToken(typ) && IsToken(sub) && known(typ) {
		b.WriteString(mt)
	} else {
		b.WriteString(Withheld(mt))
	}
	for p := range strings.SplitSeq(params, ";") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		name, val, _ := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		b.WriteString("; ")
		if !IsToken(name) || len(name) > maxShown {
			b.WriteString(Withheld(p))
			continue
		}
		b.WriteString(name)
		b.WriteString("=")
		val = strings.Trim(strings.TrimSpace(val), `"`)
		if strings.EqualFold(name, "charset") && Enum(val, charsets...) != Withheld(val) {
			b.WriteString(val)
		} else {
			b.WriteString("…")
		}
	}
	return strconv.Quote(b.String())
}

func known(typ string) bool {
	for _, t := range topLevelTypes {
		if strings.EqualFold(typ, t) {
			return true
		}
	}
	return false
}

// HeaderName names a header name that is no token as an error quotes it:
// the token bytes before the first that is not (a name, up to 64 bytes),
// that byte, and the length of the rest, withheld: a line pasted whole as a
// name ("Authorization: Bearer …") holds its value there.
func HeaderName(v string) string {
	i := 0
	for i < len(v) && IsTokenByte(v[i]) {
		i++
	}
	if i == len(v) {
		if v == "" {
			return `""`
		}
		return strconv.Quote(v) // a token: too long maybe, but a name
	}
	head := v[:i]
	if len(head) > maxShown {
		head = head[:maxShown] + "…"
	}
	rest := len(v) - i - 1
	s := strconv.Quote(head) + " then " + strconv.QuoteRune(rune(v[i]))
	if v[i] >= 0x80 {
		s = strconv.Quote(head) + " then a byte past ASCII"
	}
	if rest > 0 {
		s += " and " + Withheld(v[i+1:])
	}
	return s
}

// IsToken reports whether s is an RFC 9110 token, not empty: a field name
// net/http sends, a method, a media type's part. The one token check of
// the module.
func IsToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if !IsTokenByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// IsTokenByte reports whether b is a tchar (RFC 9110 §5.6.2).
func IsTokenByte(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return b < 0x80 && strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
}

// QuotedString returns the length of the quoted-string (RFC 9110 §5.6.4)
// s starts with (s[0] is '"'), its closing quote included, a backslash
// escaping the byte after it, and whether it is closed: one that is not
// runs to the end of s.
func QuotedString(s string) (n int, closed bool) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return len(s), false
}
