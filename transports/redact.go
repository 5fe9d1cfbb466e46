package transports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// Redacted replaces every credential value in a recorded exchange.
const Redacted = credential.Redacted

// redactURL returns u in the canonical form recorded and matched by the
// recorder and the replayer: scheme and host in lower case, an empty path as
// "/", no fragment, no userinfo (user and password alike: a token is often
// sent as the user name), and the value of every secret-looking query
// parameter, and of every secret-looking ';' path parameter (a servlet
// container's ;jsessionid=), Redacted. The rest of the query is kept byte
// for byte, order included.
func redactURL(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if c.Path == "" && c.RawPath == "" && c.Opaque == "" {
		c.Path = "/"
	}
	c.Fragment, c.RawFragment = "", ""
	c.ForceQuery = false
	c.User = nil
	c.RawQuery = credential.Keys(nil).Query(c.RawQuery)
	credential.Keys(nil).RedactPath(&c)
	return credential.URL(&c) // userinfo an opaque part carries ("//u:pw@h/p") too
}

// bodyKind is how a body is redacted, from its headers and its first byte
// that is not white space.
type bodyKind int

const (
	plainBody     bodyKind = iota // recorded as it is
	formBody                      // declared application/x-www-form-urlencoded
	jsonBody                      // declared JSON (a media type naming json)
	jsonLike                      // not declared JSON, but starts with { or [
	sealedBody                    // declared form, JSON, multipart or script, but content-encoded
	multipartBody                 // declared multipart (see redactMultipart)
	scriptBody                    // declared JavaScript: maybe a JSONP call (see redactScript)
)

// kindHeader copies the headers kindOf reads, so that a caller changing a
// response's header while reading its body changes nothing.
func kindHeader(h http.Header) http.Header {
	return http.Header{"Content-Type": anySpelling(h, "Content-Type"), "Content-Encoding": anySpelling(h, "Content-Encoding")}
}

// anySpelling returns the values of the field name (canonical) under every
// spelling of it: a plain http.Client sends h["content-type"] as it is, and
// the server reads it as the Content-Type it is.
func anySpelling(h http.Header, name string) []string {
	vs := h[name]
	for k, more := range h {
		if k != name && strings.EqualFold(k, name) {
			vs = append(vs[:len(vs):len(vs)], more...)
		}
	}
	return vs
}

func kindOf(h http.Header, lead byte) bodyKind {
	var ct string
	if vs := anySpelling(h, "Content-Type"); len(vs) > 0 {
		ct = vs[0]
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(ct), ";")
		mt = strings.TrimSpace(mt)
	}
	kind := plainBody
	switch {
	case mt == "application/x-www-form-urlencoded":
		kind = formBody
	case strings.Contains(mt, "json"): // application/json, +json, x-ndjson, jsonl...
		kind = jsonBody
	case strings.HasPrefix(mt, "multipart/"):
		kind = multipartBody
	case strings.Contains(mt, "javascript") || strings.Contains(mt, "ecmascript"):
		kind = scriptBody
	case lead == '{' || lead == '[':
		kind = jsonLike
	}
	if kind != plainBody {
		for _, ce := range anySpelling(h, "Content-Encoding") {
			if ce != "" && !strings.EqualFold(ce, "identity") {
				return sealedBody // gzip of a secret is still the secret
			}
		}
	}
	return kind
}

// redactBody returns what is recorded of a body of kind, b being what was
// captured of it:
//   - a plain body as it is;
//   - a whole form body, or a whole body that parses as JSON (one value or
//     JSON lines), with the values of its secret-named fields and members
//     Redacted (credential.Keys.Form and JSON), flagged Redacted, with Size
//     and SHA256 those of the redacted bytes: a hash of the real body
//     would let a guessed password be checked against the file;
//   - a body declared JSON that does not parse, or a form or JSON body that
//     is truncated (longer than the bound) or content-encoded: it may hold
//     a secret that cannot be found, so it is withheld (see withheld);
//   - a body that looks like JSON (starts with { or [) without saying so:
//     redacted if it parses whole, withheld if truncated, as it is if it
//     does not parse (it is text, not JSON);
//   - a multipart body with its secret-named parts and its parts'
//     credential headers Redacted, its form and JSON parts redacted as such
//     bodies are, withheld if any part cannot be (see redactPart); a JSONP
//     call with its JSON argument redacted, any other script withheld.
//
// h is the header the body was sent with (a multipart boundary).
func redactBody(h http.Header, kind bodyKind, b RecordedBody) RecordedBody {
	if kind == plainBody {
		return b
	}
	if b.Truncated || kind == sealedBody {
		return withheld(b.Size)
	}
	data := b.Bytes()
	var out []byte
	var changed bool
	switch kind {
	case multipartBody:
		var ok bool
		if out, changed, ok = redactMultipart(data, h.Get("Content-Type")); !ok {
			return withheld(b.Size)
		}
		return redacted(b, out, changed)
	case scriptBody:
		var ok bool
		if out, changed, ok = redactScript(data); !ok {
			return withheld(b.Size)
		}
		return redacted(b, out, changed)
	}
	out = data
	if kind != formBody || looksJSON(data) {
		// A leading BOM is no part of the JSON the client reads: redact
		// what follows it, and keep it in front.
		bom := len(data) - len(bytes.TrimPrefix(data, []byte(utf8BOM)))
		var ok bool
		switch out, changed, ok = credential.Keys(nil).BodyJSON(data[bom:]); {
		case !ok && kind == jsonLike:
			return b
		case !ok && kind != formBody:
			return withheld(b.Size)
		case !ok || !changed:
			out = data
		case bom > 0:
			out = append([]byte(utf8BOM), out...)
		}
	}
	if kind == formBody {
		// The server reads a form, whatever else it parses as: a JSON
		// string holding "&password=..." is a password field to it.
		var formChanged bool
		out, formChanged = credential.Keys(nil).BodyForm(out)
		changed = changed || formChanged
	}
	return redacted(b, out, changed)
}

// redacted is the record of b redacted to out, or b itself if nothing
// changed: Size and SHA256 are those of out, never of the real body.
func redacted(b RecordedBody, out []byte, changed bool) RecordedBody {
	if !changed {
		return b
	}
	sum := sha256.Sum256(out)
	r := newRecordedBody(out, int64(len(out)), hex.EncodeToString(sum[:]), false)
	r.Redacted = true
	return r
}

// withheld is the record of a body whose bytes are not kept: its size
// only, no hash, Truncated and Withheld.
func withheld(size int64) RecordedBody {
	return RecordedBody{Size: size, Truncated: true, Withheld: true}
}

// looksJSON reports whether data starts, after white space, with { or [.
func looksJSON(data []byte) bool {
	lead, _ := leadByte(data)
	return lead == '{' || lead == '['
}

// utf8BOM is the byte order mark that the client's JSON decoding skips
// before a body (as fetch's json() does, whatever the Content-Type): a body
// that starts with it is JSON to the client as much as one without it.
const utf8BOM = "\xef\xbb\xbf"

// leadByte returns the first byte of p that is not JSON white space, after
// a leading UTF-8 BOM.
func leadByte(p []byte) (byte, bool) {
	for _, c := range bytes.TrimPrefix(p, []byte(utf8BOM)) {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, true
		}
	}
	return 0, false
}
