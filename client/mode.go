package client

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/optiontext"
)

func mode(opt *Option) Mode {
	if opt.Mode == "" {
		return ModeSameOrigin
	}
	return opt.Mode
}

func credentials(opt *Option) Credentials {
	if opt.Credentials == "" {
		return CredentialsOmit
	}
	return opt.Credentials
}

// checkMode applies Mode to the primary URL u and the backups before any I/O:
// it may refuse the request, add an Origin header, or make the result
// opaque.
func (c *Client) checkMode(opt *Option, method string, u *url.URL, backups []*url.URL, h http.Header) (opaque bool, err error) {
	var other *url.URL // the first URL, primary or backup, of another origin
	if !sameOrigin(c.origin, u) {
		other = u
	}
	for _, bu := range backups {
		if other == nil && !sameOrigin(c.origin, bu) {
			other = bu
		}
	}
	cross := other != nil
	switch mode(opt) {
	case ModeSameOrigin:
		if cross {
			return false, fmt.Errorf("%w by mode same-origin: %s is not of %s (Mode: client.ModeCORS allows other origins)",
				ErrCrossOrigin, credential.URL(other), c.origin)
		}
	case ModeCORS:
		// Origin goes with each attempt bound for another origin (the
		// bottom layer's corsOrigin): a backup's, a redirect hop's, not a
		// same-origin primary's.
	case ModeNoCORS:
		if method != http.MethodGet && method != http.MethodHead && method != http.MethodPost {
			return false, fmt.Errorf("%w: mode no-cors allows GET, HEAD and POST, not %s", ErrInvalidOption, method)
		}
		for k, vs := range h {
			if k == "Accept-Encoding" {
				continue // the browser's to set, not the caller's (see header): never refused
			}
			if !safelisted(k, vs) {
				return false, fmt.Errorf("%w: mode no-cors allows only CORS-safelisted headers, not %s", ErrInvalidOption, k)
			}
		}
		// (A JSONP call's payload is still read: see built.scriptOnly.)
		return cross, nil
	default:
		return false, fmt.Errorf("%w: Mode %s (want same-origin, cors or no-cors)", ErrInvalidOption,
			optiontext.Enum(string(opt.Mode), string(ModeSameOrigin), string(ModeCORS), string(ModeNoCORS)))
	}
	return false, nil
}

// safelisted reports whether a header is no-CORS-safelisted (Fetch §2.2.2):
// its name is Accept, Accept-Language, Content-Language or Content-Type, and
// its value (the field's values joined with ", ", as fetch's Headers append
// them under no-cors) is at most 128 bytes, with no byte its name's rule
// refuses: a CORS-unsafe byte (", (, ), :, <, >, ?, @, [, \, ], {, }, DEL, a
// control but tab) in Accept and Content-Type, anything but letters, digits
// and " *,-.;=" in the language headers.
func safelisted(name string, values []string) bool {
	trimmed := make([]string, len(values))
	for i, v := range values {
		trimmed[i] = strings.Trim(v, " \t\r\n") // fetch normalizes a value first
	}
	v := strings.Join(trimmed, ", ")
	if len(v) > 128 {
		return false
	}
	switch http.CanonicalHeaderKey(name) {
	case "Accept":
		return !strings.ContainsFunc(v, corsUnsafe)
	case "Accept-Language", "Content-Language":
		return !strings.ContainsFunc(v, func(r rune) bool {
			return !('0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || strings.ContainsRune(" *,-.;=", r))
		})
	case "Content-Type":
		for _, v := range trimmed {
			if strings.ContainsFunc(v, corsUnsafe) {
				return false
			}
			mt, _, _ := strings.Cut(strings.ToLower(v), ";")
			switch strings.Trim(mt, " \t") { // HTTP whitespace only, as fetch's MIME parser: "text/plain\u00a0" does not parse
			case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
			default:
				return false
			}
		}
		return true
	}
	return false
}

// corsUnsafe reports whether r is a CORS-unsafe request-header byte (Fetch
// §2.2.2).
func corsUnsafe(r rune) bool {
	return r < 0x20 && r != '\t' || r == 0x7f || strings.ContainsRune("\"():<>?@[\\]{}", r)
}
