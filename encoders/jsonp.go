package encoders

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/taroreq/taroreq/internal/httpstatus"
)

// ErrJSONP matches a JSONP body that is not a call of the expected callback.
var ErrJSONP = errors.New("encoders: body is not the expected JSONP call")

// JSONPParam is the query parameter that names the callback.
const JSONPParam = "callback"

// JSONPCallbackName returns Taro's default callback name for a request made
// at now: "__jsonp" followed by the Unix time in milliseconds.
func JSONPCallbackName(now time.Time) string {
	return "__jsonp" + strconv.FormatInt(now.UnixMilli(), 10)
}

// JSONPQuery returns the query parameters a JSONP request carries:
// callback=<name>, and unless cache is true the cache-buster _=<unix ms>.
func JSONPQuery(name string, cache bool, now time.Time) string {
	q := JSONPParam + "=" + EncodeURIComponent(name)
	if !cache {
		q += "&_=" + strconv.FormatInt(now.UnixMilli(), 10)
	}
	return q
}

// UnwrapJSONP returns the first argument of the call name(...) that body
// holds, as servers write it and a browser runs it to the callback: white
// space, semicolons and comments around it allowed (a "/**/" first, a
// "//# sourceMappingURL=" last), also behind Express's guard
// "typeof name === 'function' && " (the same name), and called as
// window.name(...), the global object's property, and followed by more
// calls of name with JSON data, whose first answers (jsonp-retry makes the
// function a no-op once it has); of name(a, b), a,
// which is what the callback gets as its data (a JSON value, or nothing in
// name()). Anything else, more code than the call above all, is an error
// wrapping ErrJSONP that says what the body looks like (another callback's
// name, its first character), never its data. White space is JavaScript's
// (a no-break space, U+2028, U+FEFF…; not U+0085), as a browser reads the
// script. The result shares body's bytes, unless the data had white space
// JSON does not know between its tokens: a copy then has a space for each.
// UnwrapJSONP is safe for concurrent use.
func UnwrapJSONP(body []byte, name string) ([]byte, error) {
	b := trimJSSpace(TrimBOM(body))
	if call, ok := skipComments(b); ok {
		first, after, isCall, code := oneCall(call, name)
		if code {
			return nil, fmt.Errorf("%w: the data of %s(...) is not a JSON value (code a browser runs, or fails on, without calling it)",
				ErrJSONP, nameText(name))
		}
		called := isCall
		for isCall {
			rest, ok := skipComments(after)
			switch {
			case !ok:
				isCall = false
			case len(rest) == 0:
				return first, nil
			case !statementEnd(after[:len(after)-len(rest)]):
				isCall = false // cb(1) cb(2): a syntax error, no call runs
			default:
				// The callback called again: a browser runs it, but
				// jsonp-retry made the function a no-op once the first
				// call answered, so that one's data stands.
				_, after, isCall, _ = oneCall(rest, name)
			}
		}
		if called {
			// The call is there, with more code than it beside it (other
			// code after it, an argument that is code): said so, where
			// "want cb(...), got "cb"(...)" named the same call twice.
			return nil, fmt.Errorf("%w: want %s(...) alone, got %s(...) with more code than the call", ErrJSONP, nameText(name), nameText(name))
		}
	}
	return nil, fmt.Errorf("%w: want %s(...), got %s", ErrJSONP, nameText(name), bodyShape(b))
}

// oneCall reads the call of name that b starts with (also behind Express's
// guard, and as window.name): its first argument, trimmed, what follows
// the call, and whether it is a call of JSON data; code reports a call
// whose first argument is code rather than data.
func oneCall(b []byte, name string) (first, after []byte, ok, code bool) {
	call := withoutGuard(b, name)
	if global, cut := bytes.CutPrefix(call, []byte("window.")); cut && !bytes.HasPrefix(call, []byte(name)) {
		call = global // the page's global object's property: the same function
	}
	rest, named := bytes.CutPrefix(call, []byte(name))
	if name == "" || !named {
		return nil, nil, false, false
	}
	arg, after, ok := callArgument(trimJSSpace(rest))
	if !ok {
		return nil, nil, false, false
	}
	arg = withJSONSpace(arg)
	first = firstArgument(arg)
	if !dataArgument(first, arg) {
		return nil, nil, false, true
	}
	if !dataArguments(arg[min(len(first)+1, len(arg)):]) {
		return nil, nil, false, false
	}
	return trimJSSpace(first), after, true, false
}

// statementEnd reports whether skipped, the white space, semicolons and
// comments between two calls, ends the first one's statement: a semicolon,
// or a line terminator (JavaScript inserts the semicolon there).
func statementEnd(skipped []byte) bool {
	return bytes.ContainsAny(skipped, ";\n\r\u2028\u2029")
}

// skipComments returns b after the white space, semicolons (empty
// statements) and comments it starts with; false for a block comment
// that does not end.
func skipComments(b []byte) ([]byte, bool) {
	for {
		b = bytes.TrimLeftFunc(b, spaceOrSemicolon)
		switch {
		case bytes.HasPrefix(b, []byte("//")):
			i := bytes.IndexAny(b, "\r\n\u2028\u2029") // JavaScript's line terminators
			if i < 0 {
				return nil, true
			}
			b = b[i:]
		case bytes.HasPrefix(b, []byte("/*")):
			i := bytes.Index(b[2:], []byte("*/"))
			if i < 0 {
				return b, false
			}
			b = b[2+i+2:]
		default:
			return b, true
		}
	}
}

// spaceOrSemicolon reports whether r is white space (as the body's ends
// are trimmed: a vertical tab, a no-break space, U+2028 and U+2029, which
// also end a line comment) or an empty statement's semicolon.
func spaceOrSemicolon(r rune) bool { return r == ';' || jsSpace(r) }

// jsSpace reports whether r is white space or a line terminator to
// JavaScript (ECMA-262 WhiteSpace, LineTerminator: tab, vertical tab, form
// feed, U+FEFF, the space separators, LF, CR, U+2028, U+2029), which a
// browser skips between a script's tokens. unicode.IsSpace differs on two:
// it takes U+0085, on which a script throws, and not U+FEFF.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// trimJSSpace returns b without the JavaScript white space at its ends.
func trimJSSpace(b []byte) []byte { return bytes.TrimFunc(b, jsSpace) }

// withJSONSpace returns arg, the text of a call's arguments, with each
// JavaScript white space outside its strings that JSON does not take as
// one (a no-break space, U+2028…) made a space, so that JSON's rules judge
// the data as a browser reads it; arg itself when there is none.
func withJSONSpace(arg []byte) []byte {
	var out []byte
	var js jsonStrings
	for i := 0; i < len(arg); {
		c := arg[i]
		if !js.outside(c) || c < utf8.RuneSelf && c != '\v' && c != '\f' {
			if out != nil {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(arg[i:])
		if !jsSpace(r) {
			if out != nil {
				out = append(out, arg[i:i+size]...)
			}
			i += size
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(arg)), arg[:i]...)
		}
		out = append(out, ' ')
		i += size
	}
	if out == nil {
		return arg
	}
	return out
}

// nameText is a callback name as an error shows it: as it is when short
// and printable (the usual __jsonp1700000000000), else quoted and cut to
// 64 bytes. A name may come from the URL or the data: a CR/LF in it must
// not start a line where the error is printed.
func nameText(name string) string {
	plain := len(name) <= 64
	for i := 0; plain && i < len(name); i++ {
		plain = name[i] >= 0x20 && name[i] < 0x7f && name[i] != '"' && name[i] != '\\'
	}
	if plain {
		return name
	}
	if len(name) > 64 {
		name = name[:64] + "…"
	}
	return strconv.Quote(name)
}

// bodyShape says what a body that is not the expected call looks like
// without quoting its data, which errors carry to logs and spans: another
// callback's name, or the body's first character (a '{' of plain JSON, a
// '<' of an HTML page).
func bodyShape(b []byte) string {
	if len(b) == 0 {
		return "an empty body"
	}
	n := 0
	for n < len(b) && n < 64 && (b[n] == '_' || b[n] == '$' || b[n] == '.' ||
		'a' <= b[n] && b[n] <= 'z' || 'A' <= b[n] && b[n] <= 'Z' || n > 0 && '0' <= b[n] && b[n] <= '9') {
		n++
	}
	if n > 0 && n < len(b) && b[n] == '(' {
		return fmt.Sprintf("%q(...)", b[:n])
	}
	r, _ := utf8.DecodeRune(b)
	return fmt.Sprintf("a body of %d bytes starting with %q", len(b), r)
}

// withoutGuard returns b after a leading "typeof name === 'function' &&"
// (any white space between the tokens, either quote), else b.
func withoutGuard(b []byte, name string) []byte {
	rest := b
	for _, tok := range []string{"typeof", name, "===", "'function'", "&&"} {
		var ok bool
		if rest, ok = bytes.CutPrefix(rest, []byte(tok)); !ok && tok == "'function'" {
			rest, ok = bytes.CutPrefix(rest, []byte(`"function"`))
		}
		if !ok || name == "" {
			return b
		}
		if r, _ := utf8.DecodeRune(rest); tok == "typeof" && !jsSpace(r) {
			return b // typeofname: not the guard
		}
		rest = trimJSSpace(rest)
	}
	return rest
}

// callArgument returns the text between rest's first '(' and the ')' that
// closes it, and what follows. JSON has no parenthesis outside its strings,
// so one there means more code than a call of one JSON value's worth of
// arguments ("cb((1))", "cb(f())"): false, as for no closing one.
func callArgument(rest []byte) (arg, after []byte, ok bool) {
	if len(rest) == 0 || rest[0] != '(' {
		return nil, nil, false
	}
	var js jsonStrings
	for i := 1; i < len(rest); i++ {
		if !js.outside(rest[i]) {
			continue
		}
		switch rest[i] {
		case '(':
			return nil, nil, false
		case ')':
			return rest[1:i], rest[i+1:], true
		}
	}
	return nil, nil, false
}

// firstArgument returns the first of the call's arguments arg holds: up to
// a comma outside strings, arrays and objects, which a browser's callback
// takes as its data and whose other arguments it does not read.
func firstArgument(arg []byte) []byte {
	var js jsonStrings
	depth := 0
	for i, c := range arg {
		switch {
		case !js.outside(c):
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth <= 0: // an unbalanced ] or } closes nothing: "cb(1], evil)" is no call
			return arg[:i]
		}
	}
	return arg
}

// dataArgument reports whether first, the first of the call's arguments
// arg, is data: a JSON value, or nothing in a call of none ("cb()"). An
// identifier, an expression or HTML-escaped JSON ("cb({&#34;a&#34;:1})")
// is code: a browser runs it, or throws, before any callback gets data.
func dataArgument(first, arg []byte) bool {
	if len(trimJSSpace(first)) == 0 {
		return len(trimJSSpace(arg)) == 0
	}
	return json.Valid(first)
}

// dataArguments reports whether rest, the call's arguments after the
// first, are JSON values a browser evaluates without running code (none,
// "2", "{...}", a trailing comma). An identifier, an assignment or a
// comment hiding a call ("evil", "x = 2", "/* \" */ evil() /* \" */")
// is more code than the call: a browser runs it before the callback, or
// throws and never calls it.
func dataArguments(rest []byte) bool {
	if len(trimJSSpace(rest)) == 0 {
		return true
	}
	if r := bytes.TrimRight(rest, " \t\r\n"); r[len(r)-1] == ',' {
		rest = r[:len(r)-1] // cb(data, 2,)
		if len(trimJSSpace(rest)) == 0 {
			return false // cb(data, ,)
		}
	}
	return json.Valid(append(append([]byte{'['}, rest...), ']'))
}

// jsonStrings follows JSON text byte by byte, telling which bytes are
// outside its strings (a string's quotes are inside).
type jsonStrings struct{ in, escaped bool }

// outside takes the text's next byte c and reports whether it is outside
// the strings.
func (s *jsonStrings) outside(c byte) bool {
	switch {
	case s.escaped:
		s.escaped = false
		return false
	case s.in && c == '\\':
		s.escaped = true
		return false
	case c == '"':
		s.in = !s.in
		return false
	}
	return !s.in
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// CheckJSONP judges a JSONP answer as a browser does: a script answered with
// a non-2xx status is not run, and a body that is not the call name(...)
// never reaches the callback. Either is an error wrapping ErrJSONP; else the
// unwrapped payload is returned (it shares body's bytes). It does not see
// the answer's Content-Type, which a browser also judges: CheckJSONPAnswer does.
func CheckJSONP(status int, body []byte, name string) ([]byte, error) {
	if status < 200 || status > 299 {
		return nil, fmt.Errorf("%w: status %s (a browser does not run the script of a non-2xx answer)",
			ErrJSONP, httpstatus.Line(status))
	}
	return UnwrapJSONP(body, name)
}
