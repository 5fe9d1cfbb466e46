package credential

import "testing"

// The headers a proxy or a framework fills with the URL a request was
// made for, often a path and a query with no scheme (X-Forwarded-Uri,
// X-Original-Url, X-Rewrite-Url), a Location's relative target, a
// Referer copied into a header of another name: their secret parameters
// are redacted, in the query and in the fragment, and the rest stays.
func TestURLHeaderRedactsRequestURLsInHeadersOfAnyName(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Forwarded-Uri", "/cb?code=abc", "/cb?code=REDACTED"},
		{"X-Forwarded-Uri", "/cb?state=s&code=abc", "/cb?state=s&code=REDACTED"},
		{"X-Original-Url", "/login?next=%2Fhome&token=t", "/login?next=%2Fhome&token=REDACTED"},
		{"X-Original-Uri", "/cb#access_token=t&state=s", "/cb#access_token=REDACTED&state=s"},
		{"X-Rewrite-Url", "/login?token=t", "/login?token=REDACTED"},
		{"X-Envoy-Original-Path", "/v1/items?api_key=k", "/v1/items?api_key=REDACTED"},
		{"Location", "/login?token=t", "/login?token=REDACTED"},
		{"Content-Location", "login?token=t", "login?token=REDACTED"},
		{"X-Referer", "https://a.example/p?sig=s&page=2", "https://a.example/p?sig=REDACTED&page=2"},
		{"X-Forwarded-Uri", "/cb?page=2", "/cb?page=2"},
		{"X-Original-Url", "/search?keyword=shoes", "/search?keyword=shoes"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}
