package credential

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// minEcho is the shortest credential value EchoedSecrets returns: a
// shorter one ("1", "yes") would redact every such text of a record.
const minEcho = 8

// EchoedSecrets returns what of a request's credentials a server may echo
// in its answer under a name no rule knows (a debug header "X-Echo: ws=…",
// go-httpbin's /headers, a body quoting the token): the values of its
// credential headers in h (IsHeader, extra the caller's names), an
// Authorization's credentials after its scheme, each cookie's value, u's
// password and the values of its secret query and path parameters, those
// of minEcho bytes or more, longest first. Redacting by field names
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
	if u != nil {
		urlSecrets(u, add)
	}
	// Longest first: a credential inside another (a key a longer token
	// starts with) replaced first would leave the rest of the longer one
	// after its REDACTED.
	slices.SortStableFunc(out, longer)
	return out
}

// longer orders secrets longest first.
func longer(a, b string) int { return len(b) - len(a) }

// longestFirst is secrets longest first: itself when it is (EchoedSecrets'
// answer), else a sorted copy (several requests' secrets appended).
func longestFirst(secrets []string) []string {
	if slices.IsSortedFunc(secrets, longer) {
		return secrets
	}
	secrets = slices.Clone(secrets)
	slices.SortStableFunc(secrets, longer)
	return secrets
}

// urlSecrets calls add with the values of u's secret query parameters
// (?access_token=…, Keys(nil).Secret) and ;path parameters (;jsessionid=),
// as sent and unescaped (a server echoes the value it decoded): a URL's
// secret is the request's credential as much as its password is.
func urlSecrets(u *url.URL, add func(string)) {
	param := func(p string) {
		name, value, ok := strings.Cut(p, "=")
		if !ok || value == "" || !Keys(nil).Secret(unescape(name)) {
			return
		}
		add(value)
		if v, err := url.QueryUnescape(value); err == nil && v != value {
			add(v)
		}
	}
	for _, p := range strings.Split(u.RawQuery, "&") {
		param(p) // a value runs on to the next '&', as a server that splits on '&' alone reads it
		if strings.IndexByte(p, ';') >= 0 {
			for _, q := range strings.Split(p, ";") {
				param(q)
			}
		}
	}
	if path := u.EscapedPath(); strings.IndexByte(path, ';') >= 0 {
		for _, seg := range strings.Split(path, "/") {
			_, params, _ := strings.Cut(seg, ";")
			for _, p := range strings.Split(params, ";") {
				param(p)
			}
		}
	}
}

// RedactEchoes replaces every one of secrets (EchoedSecrets) in the values
// of hd by Redacted, in place: hd must be the caller's copy.
func RedactEchoes(hd http.Header, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	secrets = longestFirst(secrets)
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
	for _, s := range longestFirst(secrets) {
		if bytes.Contains(b, []byte(s)) {
			b, changed = bytes.ReplaceAll(b, []byte(s), []byte(Redacted)), true
		}
	}
	return b, changed
}

// EchoedQuerySecrets appends to out the values of u's query parameters
// whose names look secret (Keys.Secret: ?token=, ?api_key=), those of
// minEcho bytes or more, and returns it: a server quoting the URL's value
// under another name ("invalid token tok_…") echoes them as it would a
// header's.
func EchoedQuerySecrets(out []string, u *url.URL) []string {
	if u == nil || u.RawQuery == "" {
		return out
	}
	for name, vs := range u.Query() {
		if !Keys(nil).Secret(name) {
			continue
		}
		for _, v := range vs {
			if v = strings.TrimSpace(v); len(v) >= minEcho {
				out = append(out, v)
			}
		}
	}
	return out
}

// EchoedValues appends to out those of vals of minEcho bytes or more (a
// cookie the jar attaches), and returns it.
func EchoedValues(out []string, vals ...string) []string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); len(v) >= minEcho {
			out = append(out, v)
		}
	}
	return out
}

// RedactEchoedText returns s with every one of secrets replaced by
// Redacted, the longest first (a header's whole value before a cookie's
// value inside it), and s itself when none is in it.
func RedactEchoedText(s string, secrets []string) string {
	if len(secrets) == 0 {
		return s
	}
	order := secrets
	if !slices.IsSortedFunc(order, longerFirst) {
		order = slices.SortedStableFunc(slices.Values(secrets), longerFirst)
	}
	for _, sec := range order {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Redacted)
		}
		// As %q writes it (net/http quotes a header line so): a quote,
		// a backslash or a byte that is not printable ASCII escaped.
		if q := strconv.Quote(sec); len(q) != len(sec)+2 && strings.Contains(s, q[1:len(q)-1]) {
			s = strings.ReplaceAll(s, q[1:len(q)-1], Redacted)
		}
	}
	return s
}

func longerFirst(a, b string) int { return len(b) - len(a) }

// RequestEchoes is what of a request's credentials a text quoting its
// server's words (an error) must not show: EchoedSecrets of h and u, the
// password of an Authorization Basic (a URL's user:pass goes so, and a
// server may quote it decoded) and u's secret-named query values
// (EchoedQuerySecrets). The layers call it when a request fails.
func RequestEchoes(h http.Header, u *url.URL, extra []string) []string {
	out := EchoedQuerySecrets(EchoedSecrets(h, u, extra), u)
	if len(h["Authorization"]) > 0 {
		if _, pw, ok := (&http.Request{Header: h}).BasicAuth(); ok {
			out = EchoedValues(out, pw)
		}
	}
	return out
}
