package credential

import "testing"

// A secret word inside an everyday word with its ending (designation),
// the key of a public key (Sentry's sentry-public_key) and a name of
// header names (SigV4's SignedHeaders) name no secret; every secret name
// around them stays one.
func TestSecretNameEverydayListMembers(t *testing.T) {
	for _, n := range []string{"designation", "Designations", "designated", "X-Designation", "assignments",
		"resignation", "consignee", "signaling", "authored", "authorities", "keywordsList",
		"sentry-public_key", "public_key", "publicKey", "X-Public-Key", "publishable_key", "publickey",
		"SignedHeaders", "X-Amz-SignedHeaders", "X-Goog-SignedHeaders", "signed_headers"} {
		if SecretName(n) {
			t.Errorf("%s taken for a secret", n)
		}
	}
	for _, n := range []string{"access_token", "api_key", "apikey", "secret", "password", "passwd", "pwd",
		"token", "auth", "sig", "signature", "session", "sid", "jwt", "key", "private_key", "client_secret",
		"authorization", "authorize", "authz", "keywordsig", "designKey", "designationToken", "signed_request",
		"signed_url", "publicKeySecret", "public_key_sig", "private-key", "sentry_key", "pubkeyToken",
		"X-Amz-Signature", "X-Goog-Signature", "Signature", "X-Amz-Credential", "signedheaderssig",
		"SignedHeadersToken", "X-Headers-Token", "keys", "public_tokens", "signing_key", "signer"} {
		if !SecretName(n) {
			t.Errorf("%s not taken for a secret", n)
		}
	}
}

// In a list value (baggage, a vendor's context) and a query alike, the
// everyday members keep their values; Signature= and the rest go.
func TestURLHeaderKeepsEverydayListMembers(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"Baggage", "sentry-trace_id=771a43a4,sentry-public_key=49d0f7386ad645858ae85020e393bef3,sentry-release=1.0",
			"sentry-trace_id=771a43a4,sentry-public_key=49d0f7386ad645858ae85020e393bef3,sentry-release=1.0"},
		{"X-Auth-Echo", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3be",
			"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=REDACTED"},
		{"X-Ctx", "designation=engineer, a=1", "designation=engineer, a=1"},
		{"X-Signed", "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F2013&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bb",
			"https://b.s3.amazonaws.com/k?X-Amz-Credential=REDACTED&X-Amz-SignedHeaders=host&X-Amz-Signature=REDACTED"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
