package credential

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// Error is the text of err with the URL of any *url.Error redacted.
func Error(err error) string { return Keys(nil).Error(err) }

// Error returns the text of err with the URL of any *url.Error in it
// redacted (net/http's errors quote the whole URL, query included).
func (k Keys) Error(err error) string { return k.ErrorNaming(err, nil) }

// ErrorNaming is Error with headers, header names a user added
// (WithCredentialHeaders), holding credentials too (see TextNaming).
func (k Keys) ErrorNaming(err error, headers []string) string {
	if err == nil {
		return ""
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner, named := fmt.Sprint(ue.Err), k.String(ue.URL)
		if ue.Op == "parse" && (hasUserinfo(ue.URL) || strings.Contains(inner, "invalid port")) {
			// url.Parse quotes pieces of what it could not read ("invalid
			// port \":<password>\""), which may be the userinfo's; and it
			// cuts the fragment off first, so a '#' in the password hides
			// the '@' from the URL it names: its authority is withheld too.
			inner = "malformed URL (the detail is withheld: it may quote the userinfo)"
			named = "…"
			if i := strings.Index(ue.URL, "://"); i > 0 && strings.Trim(strings.ToLower(ue.URL[:i]), "abcdefghijklmnopqrstuvwxyz0123456789+-.") == "" {
				named = ue.URL[:i+3] + "…" // the scheme alone
			}
		}
		msg := fmt.Sprintf("%s %q: %s", ue.Op, named, inner)
		if full := err.Error(); full != ue.Error() {
			// err wraps the *url.Error: keep what it adds, redacting the URL.
			return k.TextNaming(strings.ReplaceAll(full, ue.Error(), msg), headers)
		}
		return k.TextNaming(msg, headers)
	}
	return k.TextNaming(err.Error(), headers)
}

// Text returns s, free text such as an error's, with the URLs quoted in it
// (net/http's "failed to parse Location header", a wrapped URL) redacted:
// the userinfo of every URL removed (see withoutUserinfo), and the value of
// every secret parameter (a name after '?', '&', ';' or '#', then '=')
// replaced by Redacted. The value ends at '&', ';', '#', a quote, a space or
// a bracket; a parameter of any name whose value is JSON with a secret
// member (secretValue) is replaced too, raw JSON up to where it ends; so
// is a secret parameter of a query escaped once or more in the text
// (escapedParams, escapedQueryParams), and every JWT, Authorization credential and vendor
// token, whatever names it (redactJWTs, tokenShapes); and so are the bytes
// net/http quotes of a server's malformed answer (withoutServerBytes).
func (k Keys) Text(s string) string {
	return k.TextNaming(s, nil)
}

// TextNaming is Text with headers, header names a user added
// (WithCredentialHeaders), holding credentials too: the value of a quoted
// header line of one of those names is redacted as well.
func (k Keys) TextNaming(s string, headers []string) string {
	s = withoutServerBytes(s)
	return k.redactJWTs(k.escapedQueryParams(k.escapedParams(k.text(withoutHeaderValues(tokenShapes(refusedNames(s)), headers), 0, false), false)))
}

// text is Text for text found depth levels deep in query values (see
// Keys.query): a parameter's value that is an escaped URL
// ("src=https%3A%2F%2F…%3Fsig%3D…", an image proxy's signed source) is
// redacted as a query's is, to the same depth. list reads s as a header's
// value, a list of parameters of its own (see listMember).
func (k Keys) text(s string, depth int, list bool) string {
	s = withoutURLErrorHosts(withoutUserinfo(s))
	sp := splice{s: s}
	// A value read past the usual stops (JSON, raw or escaped) is read so
	// at most once over any stretch of s: the cost stays linear.
	readLong, nextAmp, nextStop, judged, judgedURL := 0, -1, -1, 0, 0
	// A quoted value or an inner list is read once over any stretch too:
	// unclosed says that no '"' (0), or no '\'' (1), closes a value
	// further on; groupRead is where the last inner list read ended.
	var unclosed [2]bool
	groupRead := 0
	var qs queryScan
	for i := 0; i < len(s); i++ {
		if s[i] != '=' {
			continue
		}
		j := i
		// A name runs back to the '?', '&', ';' or '#' before it, brackets
		// and parentheses included (user[password]=, access_token[]=,
		// auth(token)=: the query's own reading of it).
		for j > 0 && !strings.ContainsRune("?&;#=\"' \t\r\n<>{},", rune(s[j-1])) {
			j--
		}
		if j == i || (j == 0 || !strings.ContainsRune("?&;#", rune(s[j-1]))) && !(list && listMember(s, j, i)) {
			continue
		}
		secret := k.Secret(unescape(s[j:i]))
		var end int
		if secret && list && i+1 < len(s) && s[i+1] == '"' {
			// A quoted value (token="…"): its text goes, its quotes stay.
			if n, closed := optiontext.QuotedString(s[i+1:]); n > 1 {
				inner := i + 1 + n
				if closed {
					inner--
				}
				if i+2 < inner && s[i+2:inner] != Redacted {
					sp.replace(i+2, inner, Redacted)
				}
				i = i + n
			}
			continue
		}
		if secret && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\'') && !unclosed[quoteIndex(s[i+1])] &&
			(list || s[j-1] == '?' || s[j-1] == '&') {
			// A quoted value of a query's or a list's parameter (?token="a
			// b", token='a b'): its text goes, its quotes stay. (A
			// spec-named field's quoted parameters, Signature-Input's
			// ;keyid="…", are read as free text reads them.)
			if to, ok := quotedValueEnd(s, i+1); ok {
				if i+2 < to && s[i+2:to] != Redacted {
					sp.replace(i+2, to, Redacted)
				}
				i = to
				continue
			} else if to == len(s) {
				unclosed[quoteIndex(s[i+1])] = true // none closes further on: linear
			}
		}
		if secret {
			end = secretEnd(s, i+1, list)
			if j > 0 && s[j-1] == ';' && !qs.inQuery(s, j-1) {
				// A path's parameter (;jsessionid=…): the query after
				// it is not its value.
				if q := strings.IndexByte(s[i+1:end], '?'); q >= 0 {
					end = i + 1 + q
				}
			}
			if i+1 < len(s) && s[i+1] == '(' && i+1 >= groupRead {
				// An inner list (token=("a" "b")) goes whole, with
				// what follows it up to where a value ends, but its
				// parameters (;keyid="k"), which are read as such.
				g, closed := groupEnd(s, i+1)
				if groupRead = g; closed {
					if g < len(s) && s[g] != ';' {
						end = max(g, secretEnd(s, g, list))
					}
					if g == len(s) || s[g] == ';' || end == g {
						// Its text goes, its parentheses stay.
						if s[i+2:g-1] != Redacted {
							sp.replace(i+2, g-1, Redacted)
						}
						i = g - 1
						continue
					}
				}
			}
		} else {
			if nextStop <= i { // the first stop from i+1 on, found once per stretch: linear
				nextStop = valueEnd(s, i+1, "&;#\"'\\ \t\r\n()<>[]{}")
			}
			end = nextStop
		}
		if !secret && i+1 >= readLong && i+1 < len(s) {
			if c := s[i+1]; c == '{' || c == '[' {
				// A value written as raw JSON (filter={"api_key":…})
				// ends where the JSON does; it is read within its
				// '&'-span (an open string cannot run on into the next
				// parameter). One that does not parse (its quotes
				// escaped, {%22api_key%22:…}) is judged to where a
				// secret's value would end, failing closed.
				if nextAmp <= i {
					nextAmp = valueEnd(s, i+1, "&") // once per span: linear
				}
				n, read := rawJSONLen(s[i+1 : nextAmp])
				readLong = i + 1 + read
				if n > 0 {
					if k.secretValue(s[i+1 : i+1+n]) {
						secret, end = true, i+1+n
					}
				} else {
					e := rawEnd(s, i+1)
					readLong = max(readLong, e)
					if k.secretValue(s[i+1 : e]) {
						secret, end = true, e
					}
				}
			} else if mayBeJSON(s[i+1:]) {
				// Escaped as encodeURIComponent escapes JSON, which keeps
				// ' ( ) raw: it ends at a byte that is escaped.
				long := valueEnd(s, i+1, "&#\"\\ \t\r\n<>")
				if readLong = long; k.secretValue(s[i+1 : long]) {
					secret, end = true, long
				}
			}
		}
		if !secret && i+1 >= judged {
			secret, judged = k.secretValue(s[i+1:end]), end // once per stretch: linear
		}
		if !secret && depth < maxNested && i+1 >= judgedURL {
			// Judged once per stretch, whatever the answer: a later
			// value in it is a suffix, an escaped URL only if the whole
			// is one. Linear.
			judgedURL = end
			if !escapedURL(s[i+1 : end]) {
				continue
			}
			if r, ok := k.formURLAt(s[i+1:end], depth+1); ok {
				sp.replace(i+1, end, r)
				i = end - 1
				continue
			}
		}
		if !secret || end == i+1 || s[i+1:end] == Redacted {
			continue
		}
		sp.replace(i+1, end, Redacted)
		i = end - 1
	}
	return sp.String()
}

// escapedURL reports whether a value in free text may be a URL with an
// escaped part (a '%'; mayHoldURL's "://", escaped or not, or a path
// from the root, '/' or "%2F"): one written wholly raw has its own '?',
// '&' and '=' that Text reads as they are.
func escapedURL(v string) bool {
	return v != "" && strings.IndexByte(v, '%') >= 0 && (v[0] == '/' || hasPrefixFold(v, "%2f") || mayHoldURL(v))
}

// secretEnd is where a secret's value starting at s[i] ends in free text:
// at '&', '#', white space, a ':' before a blank (the text's), or a '"'
// (a quoted URL's end, or a %q-escaped \" that ends one quoted twice: before ':', ',', ')', a quote,
// space or the end), or at a '<' or '>' after its first byte (markup
// around it); not at ';' (see paramWalker), at what encodeURIComponent
// leaves raw (( ) ') or at a quote %q escaped inside the value (\" then
// more of it). In a header's value read as a list, it ends too where the
// next member starts (listSeparator).
func secretEnd(s string, i int, list bool) int {
	for start := i; i < len(s); i++ {
		if list && listSeparator(s, i) {
			return i
		}
		switch s[i] {
		case '&', '#', ' ', '\t', '\r', '\n':
			return i
		case ':':
			// The text's ": " after the URL ("parse <url>: <why>"): a
			// URL's value has no blank, so the ':' is the text's.
			if i > start && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
				return i
			}
		case '<', '>':
			if i > start { // markup after the value (</URL>); one that starts it is the value's
				return i
			}
		case '"':
			if s[i-1] != '\\' {
				return i
			}
			if i+1 == len(s) || strings.IndexByte(":,)\"' \t\r\n", s[i+1]) >= 0 {
				return i - 1
			}
		}
	}
	return len(s)
}

// rawEnd is where raw JSON that does not parse, starting at s[i], ends in
// free text: at '&' or a '"' that %q did not escape, and, unless its
// quotes are escaped ({\"api_key\": …}, an error quoted once more), at
// '#', white space, '<' or '>'. Escaped, it ends where its brackets close
// (the message after it is kept).
func rawEnd(s string, i int) int {
	quoted, inString, depth := false, false, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&':
			return i
		case c == '"' && s[i-1] != '\\':
			return i
		case c == '"':
			quoted, inString = true, !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth <= 0 && quoted {
				return i + 1
			}
		case c == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>':
			if !quoted {
				return i
			}
		}
	}
	return len(s)
}

// valueEnd is the index of the first byte of s from i on that is in stop,
// or len(s).
func valueEnd(s string, i int, stop string) int {
	if n := strings.IndexAny(s[i:], stop); n >= 0 {
		return i + n
	}
	return len(s)
}

// RedactError returns err with Error's text (URLs and secret values
// redacted); errors.Is and errors.As still see err through Unwrap. Nil
// stays nil, and a redacted error is returned as it is.
func RedactError(err error) error {
	if _, done := err.(redactedError); err == nil || done {
		return err
	}
	return redactedError{err}
}

type redactedError struct{ err error }

func (e redactedError) Error() string { return Error(e.err) }
func (e redactedError) Unwrap() error { return e.err }

// RedactErrorNaming is RedactError with headers, header names a user added
// (WithCredentialHeaders), holding credentials too (see TextNaming).
func RedactErrorNaming(err error, headers []string) error {
	if len(headers) == 0 {
		return RedactError(err)
	}
	if _, done := err.(*namingRedactedError); err == nil || done {
		return err
	}
	return &namingRedactedError{err, headers}
}

type namingRedactedError struct {
	err     error
	headers []string
}

func (e *namingRedactedError) Error() string { return Keys(nil).ErrorNaming(e.err, e.headers) }
func (e *namingRedactedError) Unwrap() error { return e.err }
