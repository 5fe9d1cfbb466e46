package credential

import (
	"strings"
	"testing"
)

// Google's session cookies (HSID, APISID, SAPISID, __Secure-3PSID, …) and
// WordPress's (wordpress_logged_in_<hash>, wordpress_sec_<hash>) written
// outside a Cookie header (a context header, an error's text) were kept:
// their names held no secret word. SSID stays data (a Wi-Fi network's
// name, ?ssid=HomeNet), as do everyday names that hold those letters.
func TestGoogleAndWordPressSessionCookieNames(t *testing.T) {
	for _, n := range []string{"HSID", "APISID", "SAPISID", "__Secure-1PSID", "__Secure-3PSID", "__Secure-1PAPISID",
		"__Secure-3PAPISID", "__Secure-1PSIDTS", "__Secure-3PSIDCC", "__Host-3PLSID", "SIDCC", "LSID", "OSID",
		"wordpress_logged_in_5c0ffee5c0ffee", "wordpress_sec_5c0ffee5c0ffee", "WORDPRESS_LOGGED_IN_ab"} {
		if !SecretName(n) {
			t.Errorf("SecretName(%q) = false, want true", n)
		}
	}
	for _, n := range []string{"ssid", "SSID", "bssid", "apis", "wordpress_test_cookie", "wp-settings-1", "wordpress", "hsidebar", "consid", "__Secure-theme"} {
		if SecretName(n) {
			t.Errorf("SecretName(%q) = true, want false (everyday)", n)
		}
	}
	for _, v := range []string{
		"__Secure-3PSID=g.a000abcDEF123; SAPISID=AbCdEf/xyz123",
		"wordpress_logged_in_5c0ffee5c0ffee=alice%7C1700000000%7Cabcdef",
	} {
		got := Keys(nil).URLHeader("X-Ctx", v)
		if strings.Contains(got, "abcDEF123") || strings.Contains(got, "xyz123") || strings.Contains(got, "alice") {
			t.Errorf("URLHeader(X-Ctx, %q) = %q: want the sessions redacted", v, got)
		}
		if got := Keys(nil).Text("GET https://h/?" + v); strings.Contains(got, "abcDEF123") || strings.Contains(got, "alice") {
			t.Errorf("Text(%q) = %q: want the sessions redacted", v, got)
		}
	}
}
