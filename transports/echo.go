package transports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// minEcho is the shortest credential value looked for in a response: a
// shorter one ("1", "yes") would redact every such text of a recording.
const minEcho = 8

// sentSecrets returns what of req's credentials a server may echo in its
// answer (a debug header "X-Echo: ws=…", go-httpbin's /headers, a body
// quoting the token): the values of its credential headers (the built-in
// ones and extra, a client's WithCredentialHeaders), an Authorization's
// credentials after its scheme, each cookie's value, and the URL's
// password. Redacting the field names alone leaves such an echo, under a
// name no rule knows, in the file.
func sentSecrets(h http.Header, u *url.URL, extra []string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); len(s) >= minEcho {
			out = append(out, s)
		}
	}
	for name, vs := range h {
		if !credential.IsHeader(name, extra) {
			continue
		}
		for _, v := range vs {
			add(v)
			if _, cred, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
				add(cred) // Bearer tok: the token alone
			}
			if credential.IsCookieHeader(name) {
				for _, ck := range strings.Split(v, ";") {
					_, val, _ := strings.Cut(ck, "=")
					add(val)
				}
			}
		}
	}
	if u != nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			add(pw)
		}
	}
	return out
}

// redactEchoes replaces every secret in the values of hd, a recording's
// copy of a response header, by Redacted, in place.
func redactEchoes(hd http.Header, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	for _, vs := range hd {
		for i, v := range vs {
			for _, s := range secrets {
				if strings.Contains(v, s) {
					v = strings.ReplaceAll(v, s, Redacted)
				}
			}
			vs[i] = v
		}
	}
}

// redactEchoBody returns b, a recorded response body, with every secret in
// its bytes replaced by Redacted (Redacted set, its size and hash those of
// the recorded bytes); b itself when it holds none.
func redactEchoBody(b RecordedBody, secrets []string) RecordedBody {
	if len(secrets) == 0 || b.Withheld {
		return b
	}
	out, changed := b.Bytes(), false
	for _, s := range secrets {
		if bytes.Contains(out, []byte(s)) {
			out, changed = bytes.ReplaceAll(out, []byte(s), []byte(Redacted)), true
		}
	}
	if !changed {
		return b
	}
	sum := sha256.Sum256(out)
	r := newRecordedBody(out, int64(len(out)), hex.EncodeToString(sum[:]), b.Truncated)
	r.Redacted, r.Broken = true, b.Broken
	return r
}
