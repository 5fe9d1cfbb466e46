package credential

// googleSessionNames are Google's session cookies (SID's kin: HSID, SSID's
// secure sibling SAPISID, the SIDCC and SIDTS companions), secret as the
// whole name, or after a "__Secure-"/"__Host-" prefix and a "1P"/"3P"
// party mark (__Secure-3PSID, __Secure-1PAPISID). SSID is left out: as a
// name it is a Wi-Fi network's far more often (?ssid=HomeNet), and SID
// beside it is caught already.
var googleSessionNames = []string{"sid", "hsid", "apisid", "sapisid", "sidcc", "sidts", "sidrts", "lsid", "osid"}

// wordPressSessionPrefixes start WordPress's login cookies, whose names end
// in a hash of the site's URL (wordpress_logged_in_<hash>).
var wordPressSessionPrefixes = []string{"wordpress_logged_in_", "wordpress_sec_"}

// sessionCookieName reports whether name is one of Google's or WordPress's
// session cookies, which no secret word of theirs gives away. It does not
// allocate.
func sessionCookieName(name string) bool {
	for _, p := range wordPressSessionPrefixes {
		if len(name) > len(p) && hasPrefixFold(name, p) {
			return true
		}
	}
	prefixed := false
	for _, p := range []string{"__secure-", "__host-"} {
		if hasPrefixFold(name, p) {
			name, prefixed = name[len(p):], true
			break
		}
	}
	if prefixed && len(name) > 2 && (name[0] == '1' || name[0] == '3') && name[1]|0x20 == 'p' {
		name = name[2:]
	}
	for _, w := range googleSessionNames {
		if len(name) == len(w) && hasPrefixFold(name, w) && (prefixed || w != "sid") {
			return true
		}
	}
	return false
}
