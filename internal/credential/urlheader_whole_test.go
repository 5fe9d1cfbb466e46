package credential

import "testing"

// A header's value may be, whole, what free text only quotes: one escaped
// URL (a callback handed on in X-Callback-Url, as a query would carry it)
// or JSON (Report-To, a vendor's context): its secrets are redacted too,
// and everyday values of the kind stay as they are.
func TestURLHeaderRedactsWholeEscapedURLAndJSON(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Callback-Url", "https%3A%2F%2Fx%2Fcb%3Fcode%3Dc%26s%3D1", "https%3A%2F%2Fx%2Fcb%3Fcode%3DREDACTED%26s%3D1"},
		{"X-Return-To", "%2Fcb%3Faccess_token%3Dt", "%2Fcb%3Faccess_token%3DREDACTED"},
		{"X-Upload-Url", "https%3A%2F%2Fu%3Ap%40x%2Fo", "https%3A%2F%2Fx%2Fo"},
		{"X-Client-Context", `{"user":"a","access_token":"t"}`, `{"user":"a","access_token":"REDACTED"}`},
		{"Report-To", `{"group":"g","endpoints":[{"url":"https://x/r?token=t"}]}`, `{"group":"g","endpoints":[{"url":"https://x/r?token=REDACTED"}]}`},
		// Everyday values: as they are.
		{"X-Callback-Url", "https%3A%2F%2Fx%2Fcb%3Fpage%3D2", "https%3A%2F%2Fx%2Fcb%3Fpage%3D2"},
		{"Content-Disposition", "attachment; filename*=UTF-8''na%C3%AFve.txt", "attachment; filename*=UTF-8''na%C3%AFve.txt"},
		{"X-Progress", "100%", "100%"},
		{"X-Ids", "[1,2,3]", "[1,2,3]"},
		{"X-Client-Context", ` {"user":"a"} `, ` {"user":"a"} `},
		{"Nel", `{"report_to":"g","max_age":86400}`, `{"report_to":"g","max_age":86400}`},
		{"Sec-Ch-Ua", `"Chromium";v="118", "Not=A?Brand";v="99"`, `"Chromium";v="118", "Not=A?Brand";v="99"`},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}
