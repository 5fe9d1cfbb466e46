package credential

import "testing"

// A header's value is often a list of parameters of its own (a callback's
// form, W3C baggage, a vendor's `;`-separated context): a secret-named one
// is redacted where it starts the value, follows a ',' or follows a
// separator and blanks, and a quoted value too, while the fields whose
// parameters a specification names keep theirs, secret-looking or not.
func TestURLHeaderRedactsParametersOfAListValue(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Cb", "access_token=t&x=1", "access_token=REDACTED&x=1"},
		{"X-Callback", "token=abc", "token=REDACTED"},
		{"X-Callback", "  token=abc", "  token=REDACTED"},
		{"Baggage", "session=s1,userId=alice", "session=REDACTED,userId=alice"},
		{"Baggage", "userId=alice, session=s1;ttl=60, env=prod", "userId=alice, session=REDACTED, env=prod"},
		{"Baggage", "sentry-trace_id=abc,sentry-public_key=k1,sentry-release=1.0", "sentry-trace_id=abc,sentry-public_key=k1,sentry-release=1.0"},
		{"Baggage", "sentry-trace_id=abc,sentry_key=k1,sentry-release=1.0", "sentry-trace_id=abc,sentry_key=REDACTED,sentry-release=1.0"},
		{"X-Query", "a=1&api_key=k", "a=1&api_key=REDACTED"},
		{"X-Ctx", "a=1; token=x; b=2", "a=1; token=REDACTED; b=2"},
		{"X-Ctx", `a=1;token="x y";b=2`, `a=1;token="REDACTED";b=2`},
		{"X-Ctx", `token="x\"y", b=2`, `token="REDACTED", b=2`},
		{"X-Ctx", "password=a,b&x=1", "password=REDACTED&x=1"}, // a ',' of the value: not a member's
		{"X-Ctx", "ctx=%7B%22token%22%3A%22t%22%7D", "ctx=REDACTED"},
		{"X-Data", "data:text/plain,token=x", "data:text/plain,token=REDACTED"},
		// Everyday values, and secret-looking words that are not parameters.
		{"X-Ctx", "a=1, b=2; c=3", "a=1, b=2; c=3"},
		{"X-Note", "Bearer tokens are=fine", "Bearer tokens are=fine"},
		{"X-Img", "data:image/png;base64,a2V5c2VjcmV0==", "data:image/png;base64,a2V5c2VjcmV0=="},
		{"X-Img", "data:image/png;base64,AAAkey/x+Y=", "data:image/png;base64,AAAkey/x+Y="},
		{"X-Digest", "sha-256=abc=, md5=def==", "sha-256=abc=, md5=def=="},
		{"Tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"},
		{"Cache-Control", "max-age=3600, private, no-cache=\"Set-Cookie\"", "max-age=3600, private, no-cache=\"Set-Cookie\""},
		{"Content-Type", "multipart/form-data; boundary=xyz; charset=utf-8", "multipart/form-data; boundary=xyz; charset=utf-8"},
		{"Accept", "text/html, application/json;q=0.9", "text/html, application/json;q=0.9"},
		{"Content-Disposition", `attachment; filename="token=1.txt"`, `attachment; filename="token=1.txt"`},
		{"Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload", "max-age=63072000; includeSubDomains; preload"},
		{"Alt-Svc", `h3=":443"; ma=86400, h2="alt.example:443"`, `h3=":443"; ma=86400, h2="alt.example:443"`},
		{"Server-Timing", `auth;desc="token check";dur=2.1, db;dur=53`, `auth;desc="token check";dur=2.1, db;dur=53`},
		{"Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43;host=x", "for=192.0.2.60;proto=http;by=203.0.113.43;host=x"},
		{"Prefer", "respond-async, wait=100, return=minimal", "respond-async, wait=100, return=minimal"},
		{"Priority", "u=1, i", "u=1, i"},
		{"Keep-Alive", "timeout=5, max=1000", "timeout=5, max=1000"},
		{"Range", "bytes=0-499, -500", "bytes=0-499, -500"},
		{"Signature-Input", `sig1=("@method" "@authority");created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z"`,
			`sig1=("@method" "@authority");created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z"`},
		{"Cache-Status", `ExampleCache; hit; ttl=30; key="/docs"`, `ExampleCache; hit; ttl=30; key="/docs"`},
		{"Permissions-Policy", "camera=(), publickey-credentials-get=(self), otp-credentials=*", "camera=(), publickey-credentials-get=(self), otp-credentials=*"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
