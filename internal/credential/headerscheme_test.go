package credential

import "testing"

// An Authorization value copied into a header of another name (a
// gateway's X-Forwarded-Authorization under a name of its own, a debug
// text) is a credential all the same: the token after Bearer or DPoP, and
// a Basic user:password, are redacted; the words in prose, and Basic
// followed by what is no user:password, stay. A token sent as a WebSocket
// subprotocol (Kubernetes' base64url.bearer.authorization.k8s.io.…) is
// redacted with its subprotocol.
func TestURLHeaderRedactsAuthorizationCredentialsAnywhere(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Upstream", "Bearer abc.def-ghi", "Bearer REDACTED"},
		{"X-Upstream", "sent bearer  abc12/+=, then 401", "sent bearer  REDACTED, then 401"},
		{"X-Upstream", "DPoP eyJ0.x", "DPoP REDACTED"},
		{"X-Upstream", "Basic YWxpY2U6czNjcmV0", "Basic REDACTED"},
		{"Sec-Websocket-Protocol", "base64url.bearer.authorization.k8s.io.ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkltdGxlU0o5", "REDACTED"},
		{"Sec-Websocket-Protocol", "graphql-ws, Authorization.abc123", "graphql-ws, REDACTED"},
		// Prose and everyday values.
		{"X-Note", "Basic plan", "Basic plan"},
		{"X-Note", "Basic anVzdC1zb21lLWJ5dGVz", "Basic anVzdC1zb21lLWJ5dGVz"},
		{"X-Note", "the bearer of this", "the bearer of this"},
		{"X-Note", "Bearer", "Bearer"},
		{"X-Note", "Bearer REDACTED", "Bearer REDACTED"},
		{"Sec-Websocket-Protocol", "graphql-transport-ws, v12.stomp, wamp.2.json", "graphql-transport-ws, v12.stomp, wamp.2.json"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}

// A Digest credential copied into another header (a gateway's echo of
// Authorization) has its response redacted: the hash of the password
// with the nonce, which a dictionary attack reads the password from; its
// other parameters, and the word in prose, stay.
func TestURLHeaderRedactsDigestResponseAnywhere(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Upstream", `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
			`Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="REDACTED", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`},
		{"X-Debug", `sent digest username="u",response=6629fae49393a05397450978507c4ef1,uri="/"`, `sent digest username="u",response=REDACTED,uri="/"`},
		// Prose, and response= elsewhere.
		{"X-Note", "a digest of the response=ok", "a digest of the response=ok"},
		{"X-Note", `mode=x, response="fast"`, `mode=x, response="fast"`},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
