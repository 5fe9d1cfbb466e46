package transports

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"reflect"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// maxParts bounds the parts of a multipart body that is redacted; one with
// more is withheld (each part costs a header and a copy to look at).
const maxParts = 256

// redactMultipart returns a multipart body, whose Content-Type (with its
// boundary) is contentType, with the content of every part named like a
// secret (a password field) Redacted, and its form and JSON parts
// redacted as such bodies are. When something changed the body is written
// again with the same boundary (parts' headers in canonical order, no
// preamble or epilogue); ok is false when it does not parse, or holds a
// part that cannot be redacted (see redactPart), or too many parts: it is
// then withheld.
func redactMultipart(data []byte, contentType string) (out []byte, changed, ok bool) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return nil, false, false
	}
	type part struct {
		header  textproto.MIMEHeader
		content []byte
	}
	var parts []part
	r := multipart.NewReader(bytes.NewReader(data), params["boundary"])
	for {
		p, err := r.NextRawPart() // raw: what was sent, no transfer decoding
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || len(parts) == maxParts {
			return nil, false, false
		}
		content, err := io.ReadAll(p)
		if err != nil {
			return nil, false, false
		}
		name := ""
		if cd := p.Header.Get("Content-Disposition"); cd != "" {
			_, dp, err := mime.ParseMediaType(cd)
			if err != nil {
				return nil, false, false // a name the rule cannot read
			}
			name = dp["name"] // whatever the disposition type
		}
		if h := credential.NewHeaders().Redact(http.Header(p.Header), nil, nil); !reflect.DeepEqual(h, http.Header(p.Header)) {
			p.Header, changed = textproto.MIMEHeader(h), true
		}
		c, partChanged, partOK := redactPart(name, p.Header, content)
		if !partOK {
			return nil, false, false
		}
		if partChanged {
			content, changed = c, true
		}
		parts = append(parts, part{p.Header, content})
	}
	if !changed {
		return data, false, true
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.SetBoundary(params["boundary"]); err != nil {
		return nil, false, false
	}
	for _, p := range parts {
		pw, err := w.CreatePart(p.header)
		if err != nil {
			return nil, false, false
		}
		_, _ = pw.Write(p.content)
	}
	if err := w.Close(); err != nil {
		return nil, false, false
	}
	return buf.Bytes(), true, true
}

// redactPart returns the content of a part named name redacted, whether
// it changed, and ok false for a part that may hold a secret that cannot be
// found: one transfer-encoded (base64, quoted-printable) or content-encoded,
// a declared JSON part that does not parse, a nested multipart, a script
// that is no JSONP call.
func redactPart(name string, h textproto.MIMEHeader, content []byte) (out []byte, changed, ok bool) {
	if name != "" && credential.Keys(nil).SecretField(name) {
		return []byte(credential.Redacted), true, true
	}
	switch te := strings.ToLower(h.Get("Content-Transfer-Encoding")); te {
	case "", "binary", "7bit", "8bit":
	default:
		return nil, false, false
	}
	kind := kindOf(http.Header(h), firstByte(content))
	switch kind {
	case plainBody:
		return content, false, true
	case formBody, jsonBody, jsonLike, scriptBody:
		r := redactBody(nil, kind, newRecordedBody(content, int64(len(content)), "", false))
		if r.Withheld {
			return nil, false, false
		}
		return r.Bytes(), r.Redacted, true
	}
	return nil, false, false // sealed, or a multipart inside a multipart
}

// redactScript returns a JSONP call, name(<JSON>) (also after a /**/
// comment, behind a typeof guard or any other callee), with its argument
// redacted as a JSON body. Any other script, which may hold a secret in a
// form no rule finds (var token = "..."), gives ok false: it is withheld.
func redactScript(data []byte) (out []byte, changed, ok bool) {
	open, end := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if open < 0 || end < open || !calleeText(data[:open]) {
		return nil, false, false
	}
	redacted, changed, ok := credential.Keys(nil).BodyJSON(data[open+1 : end])
	if !ok || strings.TrimSpace(strings.Trim(string(data[end+1:]), "; \t\r\n")) != "" {
		return nil, false, false // not one call of a JSON value
	}
	if !changed {
		return data, false, true
	}
	out = append(append(append([]byte(nil), data[:open+1]...), redacted...), data[end:]...)
	return out, true, true
}

// firstByte is the first byte of b that is not white space, or 0.
func firstByte(b []byte) byte {
	c, _ := leadByte(b)
	return c
}

// calleeText reports whether the text before a JSONP call's '(' is only a
// callee: names (letters, digits, _ $ . -), maybe after a /**/ comment and
// behind a guard (typeof name === 'function' &&): no assignment, string or
// other comment, where a secret could sit.
func calleeText(b []byte) bool {
	s := strings.TrimPrefix(strings.TrimFunc(strings.TrimPrefix(string(b), utf8BOM), jsSpace), "/**/")
	s = strings.Map(func(r rune) rune { // JavaScript's white space between the callee's tokens
		if jsSpace(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.NewReplacer("===", " ", "'function'", " ", `"function"`, " ", "&&", " ").Replace(s)
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !(c == '_' || c == '$' || c == '.' || c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
			'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// plainCall returns what is recorded of a response body b that its header h
// declares no script, JSON, form or multipart (text/plain, text/html, an
// octet-stream, none): a browser runs it as a script all the same, and the
// client unwraps a JSONP call from it whatever its type, so a body shaped as
// a call of an object or array, name({...}), is redacted as a declared
// script is: withheld when it is no one call of a JSON value
// (cb({token: "…"}), a JavaScript literal) or cut by the recorder's bound;
// any other body is text, recorded as it is.
func plainCall(h http.Header, b RecordedBody) RecordedBody {
	data := b.Bytes()
	if kindOf(h, firstByte(data)) != plainBody || b.Withheld || !callShaped(data) {
		return b
	}
	if b.Truncated {
		return withheld(b.Size)
	}
	out, changed, ok := redactScript(data)
	if !ok {
		return withheld(b.Size)
	}
	return redacted(b, out, changed)
}

// callShaped reports whether data is a callee and '(' (see calleeText)
// followed, after white space, by the start of a JSON object or array. The
// '(' is looked for in the first maxCallee bytes: a callee is a name or
// two, and a long text before its first '(' is read no further. White space
// is JavaScript's (a no-break space, U+2028…), as the client's
// encoders.UnwrapJSONP reads a call: a body it unwraps is a call here too.
func callShaped(data []byte) bool {
	open := bytes.IndexByte(data[:min(len(data), maxCallee)], '(')
	if open < 0 || !calleeText(data[:open]) {
		return false
	}
	arg := bytes.TrimLeftFunc(data[open+1:], jsSpace)
	return len(arg) > 0 && (arg[0] == '{' || arg[0] == '[')
}

// jsSpace reports whether r is white space or a line terminator to
// JavaScript, as encoders.UnwrapJSONP has it (U+0085 is none).
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// maxCallee bounds the text before a plain body's call (see callShaped).
const maxCallee = 4096
