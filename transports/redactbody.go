package transports

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// redactMultipart returns a multipart body, whose Content-Type (with its
// boundary) is contentType, with the content of every part named like a
// secret (a password field) Redacted, and its form and JSON parts
// redacted as such bodies are. When something changed the body is written
// again with the same boundary (parts' headers in canonical order, no
// preamble or epilogue); ok is false when it does not parse.
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
		if err != nil {
			return nil, false, false
		}
		content, err := io.ReadAll(p)
		if err != nil {
			return nil, false, false
		}
		if c, ok := redactPart(p.FormName(), p.Header, content); ok {
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

// redactPart returns the content of a part named name redacted, and
// whether it changed: Redacted for a secret name, else a form or JSON
// part's secret fields.
func redactPart(name string, h textproto.MIMEHeader, content []byte) ([]byte, bool) {
	if name != "" && credential.SecretName(name) {
		return []byte(credential.Redacted), true
	}
	if ce := h.Get("Content-Transfer-Encoding"); ce != "" && !strings.EqualFold(ce, "binary") &&
		!strings.EqualFold(ce, "8bit") && !strings.EqualFold(ce, "7bit") {
		return nil, false // encoded: nothing found by name, as a sealed body
	}
	switch kindOf(http.Header(h), firstByte(content)) {
	case formBody:
		if out, changed := credential.Keys(nil).Form(content); changed {
			return out, true
		}
	case jsonBody, jsonLike:
		if out, changed, ok := credential.Keys(nil).JSON(content); ok && changed {
			return out, true
		}
	}
	return nil, false
}

// redactScript returns a JSONP call, name(<JSON>) (also after a /**/
// comment or behind a typeof guard), with its argument redacted as a JSON
// body; ok is false for a call whose argument is not JSON (it may hold a
// secret that cannot be found). A script that is not such a call is
// returned as it is.
func redactScript(data []byte) (out []byte, changed, ok bool) {
	open, end := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if open < 0 || end < open || !callee(data[:open]) {
		return data, false, true // not a JSONP call: a script, recorded as it is
	}
	redacted, changed, ok := credential.Keys(nil).JSON(data[open+1 : end])
	if !ok {
		return nil, false, false
	}
	if !changed {
		return data, false, true
	}
	out = append(append(append([]byte(nil), data[:open+1]...), redacted...), data[end:]...)
	return out, true, true
}

// callee reports whether the text before a script's first '(' names a
// function the way a JSONP answer does: a dotted name, maybe after a
// comment and a typeof guard, on one line.
func callee(b []byte) bool {
	s := strings.TrimSpace(string(b))
	s = strings.TrimSpace(strings.TrimPrefix(s, "/**/"))
	if _, after, ok := strings.Cut(s, "&&"); ok && strings.HasPrefix(s, "typeof") {
		s = strings.TrimSpace(after)
	}
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c == '$' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// firstByte is the first byte of b that is not white space, or 0.
func firstByte(b []byte) byte {
	c, _ := leadByte(b)
	return c
}
