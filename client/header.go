package client

import "github.com/taroreq/taroreq/internal/credential"

// validHeaderName reports whether s is an RFC 9110 token, as a header name
// must be.
func validHeaderName(s string) bool { return credential.IsToken(s) }

// validHeaderValue reports whether s holds no control byte but horizontal
// tab (RFC 9110 §5.5): CR and LF above all, which would split the header.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}
