package credential

import (
	"testing"
)

// SecretName: the substring words, code as a whole name, and the short
// words (pass, pin, otp …) as words only.
func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"Authorization": true, "X-Api-Key": true, "access_token": true, "code": true, "Code": true,
		"X-Pass": true, "X-Passphrase": true, "X-Otp": true, "x-totp": true, "user_pin": true, "PIN": true,
		"pass": true, "mfaPasscode": true, "userPass": true, "X-OTP-Code": true, "pin.code": true,
		"X-Bypass-Cache": false, "compass": false, "shipping": false, "spinner": false, "X-Pinned": false,
		"country_code": false, "js_code": true, "JSCode": true, "X-Js-Code": false, "X-Passenger": false, "Accept": false, "": false, "-": false, "Pinyin": false,
		"X-Spin": false, "Topt": false, "passes": false,
		"X-OTPCode": true, "mfaOTPValue": true, "userPINNumber": true, "X-PINHash": true, "pin2fa": false,
		"user2Pass": true, "SPINNER": false, "X-Otp2": false, "OTP": true,
		"X-Mfa": true, "X-Mfa-Code": true, "mfa": true, "MFACode": true, "X-Mfaas": false,
		"X-2fa-Code": true, "X-2fa": true, "twofa2": false,
		"X-2FA-Code": true, "X-2FA": true, "2FA": true, "X-2FACode": true, "user2FA": false,
		// Session ids, request signatures, CSRF tokens, SAML messages.
		"pw": true, "user_pw": true, "X-PW": true, "sid": true, "X-Sid": true, "connect.sid": true,
		"PHPSESSID": true, "sessid": true, "hmac": true, "X-Shopify-Hmac-Sha256": true, "X-Csrf": true,
		"_csrf": true, "X-XSRF-TOKEN": true, "SAMLResponse": true, "SAMLart": true, "hdnts": true, "X-Akamai-Hdnts": true,
		"side": false, "X-Side": false, "inside": false, "consider": false, "Sidebar": false, "pwa": false,
		"upward": false, "X-Samples": false,
	} {
		if got := SecretName(name); got != want {
			t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { SecretName("X-Request-Id-Pass-Through") }); n != 0 {
		t.Errorf("SecretName allocates %v times", n)
	}
}

// TestIdentityHeaders: a header that says who the user is, or holds a
// cookie under another name, counts as a credential header (partitions, other origins, redaction); User-Agent and
// names without such a word do not, nor is a query parameter so named
// secret.
func TestIdentityHeaders(t *testing.T) {
	for _, name := range []string{"X-Remote-User", "Remote-User", "X-Forwarded-User", "X-Forwarded-Email",
		"X-User-Id", "X-Userid", "x-user", "X-Ms-Client-Principal", "X-Amzn-Oidc-Identity",
		"X-Forwarded-Client-Cert", "X-Ssl-Client-Dn", "X-Client-Certificate", "Ssl-Client-Certificate", "X-Client-Cert-Chain", "X-Username", "X-Uid", "X-Upn", "X-WX-OPENID", "X-Wx-Unionid",
		"X-Consumer-Id", "X-Consumer-Custom-Id", "X-Userinfo",
		"X-Account-Id", "X-Tenant-Id", "X-Tenant", "X-Customer-Id", "X-Member-Id", "X-Login", "X-Ssl-Subject",
		"X-Forwarded-Groups", "X-Auth-Request-Groups", "X-Hasura-Role", "X-Roles", "X-Group-Id",
		"X-Org-Id", "OpenAI-Organization", "X-Organization-Id", "X-Employee-Id", "X-Patient-Id",
		"X-Organisation-Id", "X-Team-Id", "X-Honeycomb-Team", "OpenAI-Project",
		"X-Project-Id", "X-Phone", "X-Phone-Number",
		"X-Amzn-Remapped-Set-Cookie", "X-Set-Cookie", "x-cookie"} {
		if !IsHeader(name, nil) {
			t.Errorf("%s is not a credential header", name)
		}
	}
	for _, name := range []string{"User-Agent", "X-User-Agent", "Content-Type", "X-Request-Id", "X-Dns-Prefetch-Control",
		"Accept", "X-Forwarded-For", "Traceparent", "If-None-Match", "Idempotency-Key", "Userland", "X-Uuid", "X-Request-Uuid",
		"X-Origin", "X-Forwarded-Origin", "X-Organic", "X-Steam", "X-Teammate", "X-Projection", "X-Telephone-Style"} {
		if IsHeader(name, nil) {
			t.Errorf("%s counts as a credential header", name)
		}
	}
	for _, q := range []string{"user", "email", "userid", "uid", "openid"} {
		if SecretName(q) {
			t.Errorf("query parameter %s is secret", q)
		}
	}
}

// An everyday word that holds key, sig, auth or token names no secret, as
// a whole word only; the names that do stay secret.
func TestSecretNameBenignWords(t *testing.T) {
	for _, n := range []string{"keyword", "Keywords", "monkey", "design", "designer", "author", "authorName",
		"author_id", "X-Keyword", "signal", "assignee", "signup", "search_keyword", "keywordList", "authority"} {
		if SecretName(n) {
			t.Errorf("%s taken for a secret", n)
		}
	}
	for _, n := range []string{"authorization", "Authorization", "api_key", "apiKey", "apikey", "sign", "signature",
		"sig", "keyword_token", "monkeyToken", "x_auth", "authToken", "keys", "hotkey", "AUTHOR_TOKEN",
		"authorKey", "secretary", "session_id", "signed_url", "authorizationCode", "keywordsig", "designKey"} {
		if !SecretName(n) {
			t.Errorf("%s not taken for a secret", n)
		}
	}
}

// A backup on another origin gets the query data the benign words name,
// not the secrets beside them.
func TestWithoutSecretsKeepsBenignWords(t *testing.T) {
	got := Keys(nil).WithoutSecrets("keyword=shoes&author=bob&api_key=k&design=flat&sign=abc")
	if want := "keyword=shoes&author=bob&design=flat"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
