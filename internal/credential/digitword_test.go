package credential

import "testing"

// b2fd0b8 keeps 2FA one word; a word after leading digits is still read
// alone (X-2PIN, 4User: digits then a capitalised word, in a query's or a
// JSON field's spelling, which net/http does not canonicalise), as before.
func TestDigitLedWordIsStillAWord(t *testing.T) {
	for name, want := range map[string]bool{
		"X-2OTP": true, "X-2PIN": true, "2Pin": true, "2FA": true, "X-2FACode": true, "user2FA": false,
		"X-B3-TraceId": false, "Content-MD5": false, "P3P": false, "X-3DS": false, "2Pinned": false,
	} {
		if got := SecretName(name); got != want {
			t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"1UID": true, "X-1Team": true, "2Phone": true, "X-4User": true, "3Teammates": false} {
		if got := IsIdentityHeader(name); got != want {
			t.Errorf("IsIdentityHeader(%q) = %v, want %v", name, got, want)
		}
	}
}
