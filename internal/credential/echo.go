package credential

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"reflect"
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
// of hd by Redacted, in place, as RedactEchoedText does in a text: hd must
// be the caller's copy.
func RedactEchoes(hd http.Header, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	secrets = longestFirst(secrets) // once, not for each value
	for _, vs := range hd {
		for i, v := range vs {
			vs[i] = RedactEchoedText(v, secrets)
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
	order := longestFirst(secrets)
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

// RedactEchoedError returns err with every one of secrets (EchoedSecrets,
// RequestEchoes) replaced by Redacted in its text: a server's words quoted
// in an error (a header line net/http refuses, "X-Echo: tok=…") may echo
// what the request sent under a name no rule knows. err itself when its
// text holds none; a plain text error (errors.New) is replaced, any other
// wrapped, errors.Is and As seeing its chain.
func RedactEchoedError(err error, secrets []string) error {
	if err == nil || len(secrets) == 0 {
		return err
	}
	text := err.Error()
	redacted := RedactEchoedText(text, secrets)
	if redacted == text {
		return err
	}
	if reflect.TypeOf(err) == plainError {
		return errors.New(redacted)
	}
	return &echoRedactedError{err: err, secrets: secrets}
}

// plainError is the type of errors.New's errors, which nothing matches
// but by identity: one made for this failure is replaced, not wrapped.
var plainError = reflect.TypeOf(errors.New(""))

type echoRedactedError struct {
	err     error
	secrets []string
}

func (e *echoRedactedError) Error() string { return RedactEchoedText(e.err.Error(), e.secrets) }
func (e *echoRedactedError) Unwrap() error { return e.err }

// RequestEchoes is what of a request's credentials a text quoting its
// server's words (an error) must not show: EchoedSecrets of h and u, the
// password of an Authorization Basic (a URL's user:pass goes so, and a
// server may quote it decoded); EchoedSecrets has u's secret-named query
// values. The layers call it when a request fails.
func RequestEchoes(h http.Header, u *url.URL, extra []string) []string {
	out := EchoedSecrets(h, u, extra)
	if len(h["Authorization"]) > 0 {
		if _, pw, ok := (&http.Request{Header: h}).BasicAuth(); ok {
			out = EchoedValues(out, pw)
		}
	}
	return out
}
