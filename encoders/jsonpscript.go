package encoders

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// CheckJSONPAnswer is CheckJSONP with the answer's header: it also fails,
// wrapping ErrJSONP, an answer whose Content-Type a browser refuses to run
// as a script (Fetch's "should response to request be blocked due to its
// MIME type" and "due to nosniff"): an image, audio or video type, or
// text/csv, and under X-Content-Type-Options: nosniff any type but a
// JavaScript one (a missing or unparsable type included). Taro's <script>
// fails on such an answer, whatever its body.
func CheckJSONPAnswer(status int, h http.Header, body []byte, name string) ([]byte, error) {
	if status >= 200 && status <= 299 {
		if why := scriptBlocked(h); why != "" {
			return nil, fmt.Errorf("%w: %s (a browser does not run it as a script)", ErrJSONP, why)
		}
	}
	return CheckJSONP(status, body, name)
}

// scriptBlocked says why a browser would not run a script with header h,
// or "" if it would.
func scriptBlocked(h http.Header) string {
	essence, ok := scriptMIMEEssence(h)
	if ok && (strings.HasPrefix(essence, "image/") || strings.HasPrefix(essence, "audio/") ||
		strings.HasPrefix(essence, "video/") || essence == "text/csv") {
		return fmt.Sprintf("Content-Type %q", essence)
	}
	if nosniff(h) && (!ok || !javaScriptMIME[essence]) {
		if !ok {
			return "no valid Content-Type under X-Content-Type-Options: nosniff"
		}
		return fmt.Sprintf("Content-Type %q under X-Content-Type-Options: nosniff", essence)
	}
	return ""
}

// scriptMIMEEssence is the answer's media type, lower case, and whether it
// has one, as Fetch's "extract a MIME type" takes it: of every
// Content-Type line, each split on commas outside quotes, the last value
// whose type/subtype parses, "*/*" skipped (parameters are not judged: a
// browser ignores one it cannot read, where mime.ParseMediaType fails the
// whole value).
func scriptMIMEEssence(h http.Header) (string, bool) {
	essence, found := "", false
	for _, line := range h.Values("Content-Type") {
		for _, v := range splitOutsideQuotes(line) {
			if e, ok := mimeEssence(v); ok && e != "*/*" {
				essence, found = e, true
			}
		}
	}
	return essence, found
}

// mimeEssence is WHATWG MIME Sniffing's parse of v, its parameters left
// out: a type and a subtype, each a non-empty token, lower case.
func mimeEssence(v string) (string, bool) {
	typ, rest, ok := strings.Cut(strings.Trim(v, " \t\r\n"), "/")
	sub, _, _ := strings.Cut(rest, ";")
	sub = strings.TrimRight(sub, " \t\r\n")
	if !ok || !optiontext.IsToken(typ) || !optiontext.IsToken(sub) {
		return "", false
	}
	return strings.ToLower(typ + "/" + sub), true
}

// splitOutsideQuotes splits a field value on the commas that are not
// inside a quoted string (Fetch's "get, decode, and split").
func splitOutsideQuotes(v string) []string {
	var parts []string
	start, quoted := 0, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case quoted && c == '\\':
			i++ // the escaped byte, a quote maybe
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			parts = append(parts, v[start:i])
			start = i + 1
		}
	}
	return append(parts, v[start:])
}

// nosniff is Fetch's "determine nosniff": the first value of
// X-Content-Type-Options is "nosniff", in any case.
func nosniff(h http.Header) bool {
	v := h.Get("X-Content-Type-Options")
	first, _, _ := strings.Cut(v, ",")
	return strings.EqualFold(strings.Trim(first, " \t"), "nosniff")
}

// javaScriptMIME holds the JavaScript MIME type essences of the WHATWG
// MIME Sniffing standard.
var javaScriptMIME = map[string]bool{
	"application/ecmascript": true, "application/javascript": true,
	"application/x-ecmascript": true, "application/x-javascript": true,
	"text/ecmascript": true, "text/javascript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true,
	"text/javascript1.3": true, "text/javascript1.4": true, "text/javascript1.5": true,
	"text/jscript": true, "text/livescript": true,
	"text/x-ecmascript": true, "text/x-javascript": true,
}
