package credential

import "testing"

// A list's parameter may be written with blanks around its '=' (a debug
// text, a connection string someone formatted: token = abc): a
// secret-named one's value is redacted all the same, and other values
// with blanks, and prose, stay.
func TestURLHeaderRedactsParametersWithBlanksAroundTheirEquals(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Debug", "token = abc", "token = REDACTED"},
		{"X-Debug", "token= abc", "token= REDACTED"},
		{"X-Debug", "token =abc", "token =REDACTED"},
		{"X-Debug", "a = 1, api_key = k-1, b = 2", "a = 1, api_key = REDACTED, b = 2"},
		{"X-Debug", "user = bob; password = hunter2; db = x", "user = bob; password = REDACTED; db = x"},
		// Not secret.
		{"X-Debug", "a = 1, b = 2", "a = 1, b = 2"},
		{"X-Note", "x = token", "x = token"},
		{"X-Note", "my token = abc", "my token = abc"},
		{"Cache-Control", "token = abc", "token = abc"}, // a field with its own parameters
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
