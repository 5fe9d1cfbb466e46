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
