package client

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/optiontext"
)

// method normalises and checks the Option's method.
func method(m string) (string, error) {
	if m == "" {
		return http.MethodGet, nil
	}
	switch m { // the usual spellings, without a map lookup
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead:
		return m, nil
	}
	up := upperASCII(m)
	if !methods[up] {
		return "", fmt.Errorf("%w: %s (want OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT or PATCH)", ErrInvalidMethod, quotedMethod(m))
	}
	return up, nil
}

// upperASCII is s upper-cased, or s as it is when it holds a byte past
// ASCII: fetch upper-cases a method byte by byte, where strings.ToUpper
// would make "poſt" (a long s) POST and "optıons" (a dotless i) OPTIONS.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return s // no method: refused as it is written
		}
	}
	return strings.ToUpper(s)
}

// MethodText is Option.Method as the client's errors name it, for a log
// or an interceptor to name it alike: GET for "", a method the client sends
// as it is written, any other quoted (a CR/LF in it starts no line where it
// is printed) when it is a method name or a near miss of one ("FETCH",
// "GETT"), else by its length alone ("[24 bytes withheld]"): a value that is
// no method may be a token pasted into the wrong field, which an error or a
// log would otherwise carry.
func MethodText(m string) string {
	if _, err := method(m); err == nil {
		if m == "" {
			return http.MethodGet
		}
		return m
	}
	return quotedMethod(m)
}

// quotedMethod is an unknown method as an error names it (see MethodText).
func quotedMethod(m string) string { return optiontext.Method(m) }

// checkOption rejects enum values the spec does not know.
func checkOption(opt *Option) error {
	switch opt.ResponseType {
	case "", encoders.ResponseTypeText, encoders.ResponseTypeArrayBuffer:
	default:
		return fmt.Errorf("%w: ResponseType %s (want %q or %q)", ErrInvalidOption,
			optiontext.Enum(string(opt.ResponseType), encoders.ResponseTypeText, encoders.ResponseTypeArrayBuffer),
			encoders.ResponseTypeText, encoders.ResponseTypeArrayBuffer)
	}
	switch opt.Cache {
	case "", "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached":
	default:
		return fmt.Errorf("%w: Cache %s (want default, no-store, reload, no-cache, force-cache or only-if-cached)", ErrInvalidOption,
			optiontext.Enum(string(opt.Cache), "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"))
	}
	switch opt.Credentials {
	case "", CredentialsOmit, CredentialsSameOrigin, CredentialsInclude:
	default:
		return fmt.Errorf("%w: Credentials %s (want omit, same-origin or include)", ErrInvalidOption,
			optiontext.Enum(string(opt.Credentials), string(CredentialsOmit), string(CredentialsSameOrigin), string(CredentialsInclude)))
	}
	if opt.EnableChunked {
		return checkChunked(opt)
	}
	return nil
}

// trimHeaderValue strips the HTTP white space around v, as fetch's
// Headers normalise a value.
func trimHeaderValue(v string) string { return strings.Trim(v, " \t\r\n") }

// header copies the caller's header, checks every name and value, and
// drops Referer. Names are case-insensitive: the values of two spellings of
// one name are all sent, in the byte order of the spellings ("X-TRACE",
// "X-Trace", "x-trace"), so the order never depends on the map's; but
// Content-Type has one value: the same one given twice is sent once, two
// different ones are an error.
func header(h http.Header) (http.Header, error) {
	if len(h) == 0 {
		return make(http.Header), nil // the layers below add to it
	}
	out := make(http.Header, len(h))
	merged := false
	for k, vs := range h {
		if !validHeaderName(k) {
			// A line pasted whole as a name ("Authorization: Bearer …",
			// "X-Workspace tok") holds its value: the name is named up
			// to the byte that is no token's, the rest by its length.
			return nil, fmt.Errorf("%w: name %s", ErrInvalidHeader, optiontext.HeaderName(k))
		}
		nvs := make([]string, len(vs))
		for i, v := range vs {
			// fetch's Headers strip HTTP white space (tab, space, CR,
			// LF) around a value before checking it: "tok\n", a value
			// read from a file, is sent as "tok"; a CR or LF inside one
			// is still an error.
			v = trimHeaderValue(v)
			if !validHeaderValue(v) {
				return nil, fmt.Errorf("%w: value of %q has a forbidden byte (CR, LF or other control)", ErrInvalidHeader, k)
			}
			nvs[i] = v
		}
		ck := http.CanonicalHeaderKey(k)
		if _, dup := out[ck]; dup {
			merged = true
		}
		out[ck] = nvs
	}
	if merged {
		clear(out)
		for _, k := range slices.Sorted(maps.Keys(h)) {
			ck := http.CanonicalHeaderKey(k)
			for _, v := range h[k] {
				out[ck] = append(out[ck], trimHeaderValue(v)) // checked above
			}
		}
	}
	delete(out, "Referer") // the keys are canonical: no need for Del's canonicalisation
	// The transport's (fetch forbids them and sends its own): net/http's
	// HTTP/1 writer skips a caller's, but its HTTP/2 one refuses a
	// Transfer-Encoding other than chunked, failing every attempt.
	delete(out, "Host")
	delete(out, "Content-Length")
	delete(out, "Transfer-Encoding")
	// A browser picks the content coding itself and decodes the body (fetch
	// forbids the header): net/http does so only when the caller set none,
	// and hands back gzip bytes otherwise.
	if ae := out["Accept-Encoding"]; len(ae) != 1 || !strings.EqualFold(strings.TrimSpace(ae[0]), "identity") {
		delete(out, "Accept-Encoding") // identity alone is kept: the body comes as it is, resumable
	}
	if ct := out["Content-Type"]; len(ct) > 1 {
		// One field, one value (RFC 9110 §8.3): two would declare the
		// body two ways, one of them not how Data was encoded.
		if slices.ContainsFunc(ct[1:], func(v string) bool { return v != ct[0] }) {
			named := make([]string, len(ct))
			for i, v := range ct {
				named[i] = optiontext.ContentType(v) // a parameter may hold a token
			}
			return nil, fmt.Errorf("%w: Content-Type given %d values (%s): it has one", ErrInvalidHeader, len(ct), strings.Join(named, ", "))
		}
		out["Content-Type"] = ct[:1:1]
	}
	return out, nil
}
