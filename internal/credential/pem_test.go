package credential

import (
	"strings"
	"testing"
)

// A PEM private key in a header's value (a gateway's X-Client-Key) or in
// an error's text was kept whole: its body goes, its armour stays.
func TestPEMPrivateKeyBodyIsRedacted(t *testing.T) {
	body := "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu"
	for _, kind := range []string{"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"} {
		pem := "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----"
		oneLine := strings.ReplaceAll(pem, "\n", " ")
		for what, got := range map[string]string{
			"Text":           Keys(nil).Text("load key: " + pem + "\nfailed"),
			"Text unclosed":  Keys(nil).Text("load key: -----BEGIN " + kind + "-----\n" + body),
			"URLHeader":      Keys(nil).URLHeader("X-Client-Key", oneLine),
			"URLHeader list": Keys(nil).URLHeader("X-Keys", "a, "+oneLine),
		} {
			if strings.Contains(got, "MIIEvQ") || strings.Contains(got, "ictGeurT8") || !strings.Contains(got, Redacted) {
				t.Errorf("%s (%s) = %q: want the key's body redacted", what, kind, got)
			}
			if !strings.Contains(got, "-----BEGIN "+kind+"-----") {
				t.Errorf("%s (%s) = %q: want the armour kept", what, kind, got)
			}
			if again := Keys(nil).Text(got); again != got {
				t.Errorf("Text(%q) = %q: want it unchanged (idempotent)", got, again)
			}
		}
	}
	// A certificate or public key is no secret.
	for _, s := range []string{"-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----", "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----"} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Text(%q) = %q: want it as it is", s, got)
		}
	}
}
