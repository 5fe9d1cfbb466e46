package credential

import "testing"

const (
	testJWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz"
	testJWE = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn"
)

// A JWT is a bearer credential wherever it stands (an ID token handed on
// in a header of any name, a signed state): one in a header's value is
// redacted whole, signed (three parts) or encrypted (five). Base64 text
// that is not one (a header alone, no "alg", a longer word) stays.
func TestURLHeaderRedactsJWTs(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Id", testJWT, Redacted},
		{"X-Id", " " + testJWT + " ", " " + Redacted + " "},
		{"X-Amzn-Data", testJWE, Redacted},
		{"X-Ctx", "v=1; t=" + testJWT + "; x=2", "v=1; t=REDACTED; x=2"},
		{"X-Cb", "https://x/cb?state=" + testJWT + "&page=2", "https://x/cb?state=REDACTED&page=2"},
		{"X-Note", `issued "` + testJWT + `" to alice`, `issued "REDACTED" to alice`},
		{"X-Protocols", "graphql-ws, access_token." + testJWT, "graphql-ws, access_token.REDACTED"}, // a token as a subprotocol, copied
		{"X-Ctx", `{"state":"` + testJWT + `","page":2}`, `{"state":"REDACTED","page":2}`},
		{"X-Id", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.", Redacted}, // unsigned: its claims all the same
		// Not JWTs.
		{"X-Id", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"},
		{"X-Id", "eyJwYWdlIjoyfQ.eyJwYWdlIjoyfQ.eA", "eyJwYWdlIjoyfQ.eyJwYWdlIjoyfQ.eA"},
		{"X-Id", "xeyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", "xeyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2ln"},
		{"X-Id", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9"},
		{"X-Host", "eyJ.example.com", "eyJ.example.com"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}
