package credential

import "testing"

// A URL in a header's value may carry its query escaped (a callback's
// query escaped into the path, https://x/cb%3Ftoken%3Dt, which a server
// that unescapes the path reads as one; or a value that is an escaped URL
// itself): its secret parameters are redacted, and the rest of the value
// is kept byte for byte, raw or escaped as it was.
func TestURLHeaderRedactsEscapedParametersInRawURL(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Cb", "https://x/cb%3Ftoken%3Dt", "https://x/cb%3Ftoken%3DREDACTED"},
		{"X-Cb", "https://x/cb%3Fa%3D1%26access_token%3Dt%26b%3D2", "https://x/cb%3Fa%3D1%26access_token%3DREDACTED%26b%3D2"},
		{"X-Cb", "/cb%3Fcode%3Dc%23f", "/cb%3Fcode%3DREDACTED%23f"},
		{"X-Cb", "see https://x/cb%3Fsig%3Ds for more", "see https://x/cb%3Fsig%3DREDACTED for more"},
		{"X-Cb", "https://x/cb?next=%2Fa%3Ftoken%3Dt&page=2", "https://x/cb?next=%2Fa%3Ftoken%3DREDACTED&page=2"},
		{"X-Cb", "https://x/cb?next=https%3A%2F%2Fy%2F%3Fcode%3Dc", "https://x/cb?next=https%3A%2F%2Fy%2F%3Fcode%3DREDACTED"},
		// Wholly escaped, as before.
		{"X-Callback-Url", "https%3A%2F%2Fx%2Fcb%3Fcode%3Dc%26s%3D1", "https%3A%2F%2Fx%2Fcb%3Fcode%3DREDACTED%26s%3D1"},
		// Nothing secret: as it is.
		{"X-Cb", "https://x/cb%3Fpage%3D2", "https://x/cb%3Fpage%3D2"},
		{"X-Cb", "https://x/a%20b?c=%2Fd", "https://x/a%20b?c=%2Fd"},
		{"X-Cb", "https://x/cb?next=%2Fa%3Fpage%3D2", "https://x/cb?next=%2Fa%3Fpage%3D2"},
		{"X-Cb", "https://x/keyword%3Dshoes", "https://x/keyword%3Dshoes"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
