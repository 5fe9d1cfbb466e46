package credential

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
)

// minEcho is the shortest credential value EchoedSecrets returns: a
// shorter one ("1", "yes") would redact every such text of a record.
const minEcho = 8

// EchoedSecrets returns what of a request's credentials a server may echo
// in its answer under a name no rule knows (a debug header "X-Echo: ws=…",
// go-httpbin's /headers, a body quoting the token): the values of its
// credential headers in h (IsHeader, extra the caller's names), an
// Authorization's credentials after its scheme, each cookie's value, and
// u's password, those of minEcho bytes or more. Redacting by field names
// alone leaves such an echo in a recording or a log.
func EchoedSecrets(h http.Header, u *url.URL, extra []string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); len(s) >= minEcho {
			out = append(out, s)
		}
	}
	for name, vs := range h {
		if !IsHeader(name, extra) {
			continue
		}
		for _, v := range vs {
			add(v)
			if _, cred, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
				add(cred) // Bearer tok: the token alone
			}
			if IsCookieHeader(name) {
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

// RedactEchoes replaces every one of secrets (EchoedSecrets) in the values
// of hd by Redacted, in place: hd must be the caller's copy.
func RedactEchoes(hd http.Header, secrets []string) {
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

// RedactEchoedBytes returns b with every one of secrets replaced by
// Redacted, and whether any was: b itself when none was.
func RedactEchoedBytes(b []byte, secrets []string) ([]byte, bool) {
	changed := false
	for _, s := range secrets {
		if bytes.Contains(b, []byte(s)) {
			b, changed = bytes.ReplaceAll(b, []byte(s), []byte(Redacted)), true
		}
	}
	return b, changed
}
