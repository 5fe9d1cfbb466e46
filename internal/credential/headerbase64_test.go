package credential

import "testing"

// JSON sent in base64 as a header's value (a client context, a gateway's
// claims) holds secrets as JSON does: a value that decodes to JSON with a
// secret member is redacted whole, as it cannot be in part; base64 JSON
// without one, and base64 that is not JSON, stays.
func TestURLHeaderRedactsBase64JSONWithASecret(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Client-Context", "eyJjdXN0b20iOnsidG9rZW4iOiJ0In19", Redacted},
		{"X-Client-Context", "eyJhIjoiPz8/IiwidG9rZW4iOiJ0In0=", Redacted},
		{"X-Client-Context", "eyJhIjoifn5-IiwidG9rZW4iOiJ0In0=", Redacted},
		{"X-Ctx", "v=1; ctx=eyJhIjoiPz8/IiwidG9rZW4iOiJ0In0=; x=2", "v=1; ctx=REDACTED; x=2"},
		{"X-Client-Context", "eyJjdXN0b20iOnsicGFnZSI6Mn19", "eyJjdXN0b20iOnsicGFnZSI6Mn19"},
		{"X-Client-Context", "eyJhIjoiPz8/In0=", "eyJhIjoiPz8/In0="},
		{"X-Path", "/a/eyJhIjoiPz8/In0=/b", "/a/eyJhIjoiPz8/In0=/b"},
		{"X-Word", "eyJust-a-word", "eyJust-a-word"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}
