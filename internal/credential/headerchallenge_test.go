package credential

import "testing"

// A challenge copied into a header of another name (a gateway's copy of
// WWW-Authenticate, a debug text) holds auth-params, not a token68:
// "Bearer realm=" was read as a token (six bytes with a sign) and written
// "Bearer REDACTEDexample" or `Bearer REDACTED"example"`, the parameter's
// name lost and its value kept. A token68 ends at its '=' padding; a
// letter or a quote right after one '=' makes it a parameter's name. A
// token with digits or more padding before a quote stays redacted. A
// secret-named parameter (access_token=…) was "Bearer REDACTEDabc123":
// its value was logged.
func TestURLHeaderKeepsChallengeParameters(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Upstream-Challenge", `Bearer realm="example", error="invalid_token"`, `Bearer realm="example", error="invalid_token"`},
		{"X-Upstream-Challenge", "Bearer realm=example, scope=read", "Bearer realm=example, scope=read"},
		{"X-Upstream-Challenge", `Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"`,
			`Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"`},
		// A secret-named parameter's value is redacted, not its name.
		{"X-Upstream-Challenge", "Bearer access_token=abc123xyz, x=1", "Bearer access_token=REDACTED, x=1"},
		{"X-Upstream-Challenge", `Bearer token="s3 cr3t", realm="x"`, `Bearer token="REDACTED", realm="x"`},
		// Tokens still.
		{"X-Upstream", `"Bearer abc123="`, `"Bearer REDACTED"`},
		{"X-Upstream", `"Bearer dGVzdA=="`, `"Bearer REDACTED"`},
		{"X-Upstream", "Bearer abc123=, next", "Bearer REDACTED, next"},
		{"X-Upstream", `"Bearer aGVsbG9Xb3JsZA="`, `"Bearer REDACTED"`},
		{"X-Upstream", "Bearer Token=SECRET", "Bearer Token=REDACTED"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}

// Django REST framework's "Authorization: Token <key>" (and GitHub's older
// "token <40 hex>") copied into a header of another name was logged
// whole: only Bearer, DPoP and Basic were read. Its key is redacted as a
// Bearer token is; "token" in prose stays.
func TestURLHeaderRedactsTokenSchemeCredentials(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Upstream", "Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "Token REDACTED"},
		{"X-Upstream", "sent token 0123456789abcdef0123456789abcdef01234567, then 401", "sent token REDACTED, then 401"},
		{"X-Upstream", "Token REDACTED", "Token REDACTED"},
		{"X-Note", "token expired", "token expired"},
		{"X-Note", "the token bucket refills", "the token bucket refills"},
		{"X-Note", "Token", "Token"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}
