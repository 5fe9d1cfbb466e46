package credential

import "strings"

// A header's value is often a list of parameters of its own, which Text,
// reading names only after '?', '&', ';' or '#', does not see: a callback's
// form (X-Cb: access_token=…&x=1), W3C baggage (session=…,userId=…;prop),
// a vendor's context (a=1; token=…). URLHeader reads such values as lists,
// but for the fields whose parameters a specification names.

// structuredFields are fields, besides PlainHeader's, whose parameters a
// specification names, none of them a secret, though some look so
// (Signature-Input's keyid, a public key's id, should that field be read:
// its name, with sig, makes it a credential header, REDACTED whole;
// Cache-Status's key, the cache's; Permissions-Policy's
// publickey-credentials-get, a feature): their values are read as free
// text is, not as lists.
var structuredFields = map[string]bool{
	"Accept-Signature": true, "Signature-Input": true, "Cache-Status": true, "Proxy-Status": true,
	"Permissions-Policy": true, "Permissions-Policy-Report-Only": true, "Feature-Policy": true,
	"Document-Policy": true, "Document-Policy-Report-Only": true, "Require-Document-Policy": true,
	"Content-Security-Policy-Report-Only": true, "Alt-Svc": true, "Alt-Used": true, "Server-Timing": true,
	"Forwarded": true, "Prefer": true, "Preference-Applied": true, "Priority": true, "Te": true,
	"Accept-Charset": true, "Expect-Ct": true, "Cdn-Cache-Control": true, "Surrogate-Control": true,
	// W3C Trace Context: tracestate's keys are vendors' names (authz=, a
	// tenant@system) and its values trace data every service downstream
	// reads.
	"Traceparent": true, "Tracestate": true,
}

// listValue reports whether the value of a header named name (canonical)
// is read as a list of parameters.
func listValue(name string) bool { return !PlainHeader(name) && !structuredFields[name] }

// listMember reports whether s[j:i], a name before the '=' at s[i] that
// Text's rule does not take, starts a member of a list: at the value's
// start or after a ',', or after blanks that follow either or one of '?',
// '&', ';' and '#' (a=1; token=…). A name with '/', '+', ':', '@' or '\'
// is not one (a data: URL's base64 payload, a path), nor is one followed
// by a second '=' (base64's padding).
func listMember(s string, j, i int) bool {
	if strings.ContainsAny(s[j:i], "/+:@\\") || i+1 < len(s) && s[i+1] == '=' {
		return false
	}
	return memberStart(s, j)
}

// memberStart reports whether s[j] starts a member of a list: the value's
// start, or after one of ",?&;#" and any blanks.
func memberStart(s string, j int) bool {
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return j == 0 || strings.IndexByte("?&;#,", s[j-1]) >= 0
}

// spacedParams redacts, in s, a header's value read as a list, the value
// of a secret-named parameter written with blanks around its '=' (token =
// …, a formatted text), which Text, reading a name just before a '=' and
// a value just after it, leaves: the name starts a member (memberStart),
// the value runs from after the blanks to a blank, ',', ';', '&' or a
// quote.
func (k Keys) spacedParams(s string) string {
	sp := splice{s: s}
	for i := 0; i < len(s); i++ {
		if s[i] != '=' {
			continue
		}
		v := skipBlanks(s, i+1)
		e := i
		for e > 0 && (s[e-1] == ' ' || s[e-1] == '\t') {
			e--
		}
		if e == i && v == i+1 {
			continue // no blank: Text's to read
		}
		j := e
		for j > 0 && (isAlnum(s[j-1]) || strings.IndexByte("_-.[]", s[j-1]) >= 0) {
			j--
		}
		if j == e || !memberStart(s, j) || !k.Secret(s[j:e]) {
			continue
		}
		end := v
		for end < len(s) && strings.IndexByte(" \t,;&\"'", s[end]) < 0 {
			end++
		}
		if end == v || s[v:end] == Redacted {
			continue
		}
		sp.replace(v, end, Redacted)
		i = end - 1
	}
	return sp.String()
}

// listSeparator reports whether s[i] ends a secret's value in a list: a
// ',' before the next member (blanks, a name, '=': baggage's
// session=…,userId=…), or a ';' and blanks before one (a=1; token=…;
// b=2). A ';' without blanks stays the value's, as Text reads it (a server
// that splits a form on '&' alone reads token=t;b=2 whole), and so does a
// ',' before anything else (password=a,b).
func listSeparator(s string, i int) bool {
	switch {
	case s[i] == ',':
	case s[i] == ';' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t'):
	default:
		return false
	}
	j := skipBlanks(s, i+1)
	n := j
	for n < len(s) && !strings.ContainsRune("?&;#=\"' \t\r\n<>{},/+:@\\", rune(s[n])) {
		n++
	}
	return n > j && n < len(s) && s[n] == '='
}

// wholeEscapedURL reports whether v, a header's value, may be one URL
// escaped whole (https%3A%2F%2F…%3Fcode%3D…), which freeValue redacts and
// escapes again: one with a raw '/', '?', '&', '=' or '#' is raw, its
// escaped parts are its own (escapedParams), and escaping it again would
// log another value than the one sent.
func wholeEscapedURL(v string) bool {
	return !strings.ContainsAny(v, " \t/?&=#") && escapedURL(v)
}

// escapedParams redacts, in s, a header's value, the secret parameters of
// a query escaped inside a raw URL (https://x/cb%3Ftoken%3Dt, a callback's
// query escaped into the path, which a server that unescapes the path
// reads as one), once or more (%253Ftoken%253Dt, escaped again with the
// URL around it): a secret name after an escaped '?', '&', ';' or '#' and
// before an escaped '=', or at the value's start when list reads it as a
// list (access_token%3D…%26x%3D1, a form escaped whole). Its value ends
// at an escaped '&', '#' or space, or where a raw value ends. Text, which
// reads raw separators, leaves such a parameter.
func (k Keys) escapedParams(s string, list bool) string {
	sp := splice{s: s}
	for i := 0; i+3 <= len(s); i++ {
		eq := 0
		if s[i] == '%' {
			eq = escapedLen(s[i:], '=')
		}
		if eq == 0 {
			continue
		}
		// The name runs back to the '%' of the escape before it, whose
		// hex digits the scan takes too.
		j := i
		for j > 0 && (isAlnum(s[j-1]) || strings.IndexByte("_-.~[]", s[j-1]) >= 0) {
			j--
		}
		name := ""
		if j > 0 && s[j-1] == '%' {
			if n := escapeLenOf(s[j-1:], "?&;#"); n > 0 && j-1+n < i {
				name = s[j-1+n : i]
			}
		} else if list && j < i && strings.TrimLeft(s[:j], " \t") == "" {
			name = s[j:i]
		}
		if name == "" || !k.Secret(name) {
			i += eq - 1
			continue
		}
		end := i + eq
		for end < len(s) && strings.IndexByte("&#\"' \t\r\n<>", s[end]) < 0 &&
			!(s[end] == '%' && escapeLenOf(s[end:], "&# ") > 0) {
			end++
		}
		if end == i+eq || s[i+eq:end] == Redacted {
			i = end - 1
			continue
		}
		sp.replace(i+eq, end, Redacted)
		i = end - 1
	}
	return sp.String()
}

// escapeOf reports whether s starts with the percent-escape of c, in
// either case.
func escapeOf(s string, c byte) bool {
	const hex = "0123456789ABCDEF"
	return len(s) >= 3 && s[0] == '%' && s[1] == hex[c>>4] && s[2]&^0x20 == hex[c&15]&^0x20
}

// escapedLen is the length of the percent-escape of c that s starts with,
// escaped once (%3D) or more (%253D, %25253D: its '%' escaped again), or
// 0; c is not '%'.
func escapedLen(s string, c byte) int {
	const hex = "0123456789ABCDEF"
	if len(s) < 3 || s[0] != '%' {
		return 0
	}
	n := 1
	for len(s) >= n+4 && s[n] == '2' && s[n+1] == '5' {
		n += 2
	}
	if len(s) < n+2 || s[n] != hex[c>>4] || s[n+1]&^0x20 != hex[c&15]&^0x20 {
		return 0
	}
	return n + 2
}

// escapeLenOf is escapedLen for the first of chars s starts with the
// escape of, or 0.
func escapeLenOf(s string, chars string) int {
	for i := 0; i < len(chars); i++ {
		if n := escapedLen(s, chars[i]); n > 0 {
			return n
		}
	}
	return 0
}

// echoedHeaderLines redacts, in s, a header's value read as a list, the
// value of every credential header line quoted in it (a proxy's echo of
// the lines it received: "Accept: */*, Cookie: sid=…"): a line starts the
// value or follows a ',' or ';' and blanks, its name is a credential
// header's (IsHeader) written as a field name is (with a '-', or one of
// SecretHeaders: "token: expired" is text), and its value runs to the
// next such line or the end.
func echoedHeaderLines(s string) string {
	if strings.IndexByte(s, ':') < 0 {
		return s
	}
	sp := splice{s: s}
	for i := 0; i < len(s); {
		j := skipBlanks(s, i)
		n := fieldNameEnd(s, j)
		if n > j && n < len(s) && s[n] == ':' && echoedCredential(s[j:n]) {
			v := skipBlanks(s, n+1)
			end := v
			for end < len(s) && !((s[end] == ',' || s[end] == ';') && echoedLineAt(s, end+1)) {
				end++
			}
			if v < end && s[v:end] != Redacted {
				sp.replace(v, end, Redacted)
			}
			n = end
		}
		next := strings.IndexAny(s[n:], ",;")
		if next < 0 {
			break
		}
		i = n + next + 1
	}
	return sp.String()
}

// fieldNameEnd is the index just after the field name (letters, digits,
// '-' and '_') that starts at s[j].
func fieldNameEnd(s string, j int) int {
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '_') {
		j++
	}
	return j
}

// echoedLineAt reports whether a quoted header line (blanks, a field
// name, ':') starts at s[i].
func echoedLineAt(s string, i int) bool {
	j := skipBlanks(s, i)
	n := fieldNameEnd(s, j)
	return n > j && n < len(s) && s[n] == ':'
}

// echoedCredential reports whether name, before a ':' in a header's
// value, is a credential header's written as a field name is.
func echoedCredential(name string) bool {
	if strings.IndexByte(name, '-') < 0 {
		found := false
		for _, h := range SecretHeaders {
			found = found || strings.EqualFold(name, h)
		}
		if !found {
			return false
		}
	}
	return IsHeader(name, nil)
}
