package credential

import "strings"

// pemKeyMark ends the BEGIN and END lines of every PEM private key (PKCS#8
// "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE
// KEY", "ENCRYPTED PRIVATE KEY"); a certificate's or public key's does not.
const pemKeyMark = "PRIVATE KEY-----"

// pemPrivateKeys replaces, in s, the body of every PEM private key by
// Redacted: from the end of its BEGIN line to its END line, or to the end
// of s when none closes it (a cut text). The armour stays, so that a
// reader sees what was there.
func pemPrivateKeys(s string) string {
	if !strings.Contains(s, pemKeyMark) {
		return s
	}
	sp := splice{s: s}
	for i := 0; i < len(s); {
		n := strings.Index(s[i:], "-----BEGIN ")
		if n < 0 {
			break
		}
		begin := i + n
		eol := strings.Index(s[begin+len("-----BEGIN "):], "-----")
		if eol < 0 {
			break
		}
		bodyStart := begin + len("-----BEGIN ") + eol + len("-----")
		if !strings.HasSuffix(s[:bodyStart], pemKeyMark) || strings.ContainsAny(s[begin:bodyStart], "\r\n") {
			i = bodyStart
			continue
		}
		bodyEnd := len(s)
		if e := strings.Index(s[bodyStart:], "-----END "); e >= 0 {
			bodyEnd = bodyStart + e
		}
		// The blanks around the body stay, the armour's lines as they were.
		from, to := bodyStart, bodyEnd
		for from < to && isBlank(s[from]) {
			from++
		}
		for to > from && isBlank(s[to-1]) {
			to--
		}
		if from < to && s[from:to] != Redacted {
			sp.replace(from, to, Redacted)
		}
		i = bodyEnd
	}
	return sp.String()
}

// isBlank reports whether c is a space, a tab or a line's end.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
