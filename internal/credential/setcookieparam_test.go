package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A query parameter named Set-Cookie holds a session (go-httpbin's
// /response-headers?Set-Cookie=sid%3D…): logs and recordings wrote it whole.
// One named cookie stays data, as the name rule says.
func TestSetCookieQueryParameterIsSecret(t *testing.T) {
	u, _ := url.Parse("http://h/response-headers?Set-Cookie=sid%3DS2&set-cookie2=S3&cookie=accepted&x=1")
	got := URL(u)
	for _, secret := range []string{"S2", "S3"} {
		if strings.Contains(got, secret) {
			t.Errorf("URL = %s: holds %s", got, secret)
		}
	}
	if !strings.Contains(got, "cookie=accepted") || !strings.Contains(got, "x=1") {
		t.Errorf("URL = %s: lost the data", got)
	}
	if !SecretName("Set-Cookie") || SecretName("cookie") || SecretName("set-cookies-later") {
		t.Errorf("SecretName: Set-Cookie %v, cookie %v, set-cookies-later %v", SecretName("Set-Cookie"), SecretName("cookie"), SecretName("set-cookies-later"))
	}
}
