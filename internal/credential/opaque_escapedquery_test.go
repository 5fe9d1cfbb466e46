package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A URL with an Opaque (net/http's way to send a path as written, which
// a plain http.Client's caller sets to keep its escapes) has its path
// there: a query escaped in it (/cb%3Ftoken%3D…, once or twice, or as
// url.PathEscape writes it) is redacted as it is in a URL's path, in an
// Opaque of a path alone or of "//host/path".
func TestOpaqueEscapedQueryIsRedactedAsAPathsIs(t *testing.T) {
	for _, path := range []string{"/cb%3Ftoken%3DSECRET-1", "/cb%3Ftoken=SECRET-2", "/cb%253Ftoken%253DSECRET-3",
		"/x/cb%3Fa%3D1%26access_token%3DSECRET-4"} {
		for _, opaque := range []string{path, "//h" + path} {
			u := &url.URL{Scheme: "http", Host: "h", Opaque: opaque, RawQuery: "page=2"}
			got := URL(u)
			if strings.Contains(got, "SECRET") {
				t.Errorf("Opaque %q: URL gives %q", opaque, got)
			}
			if !strings.Contains(got, "page=2") || !strings.Contains(got, Redacted) {
				t.Errorf("Opaque %q: URL gives %q, want the rest kept and the secret %s", opaque, got, Redacted)
			}
			if got := URLText(u, u.String()); strings.Contains(got, "SECRET") {
				t.Errorf("Opaque %q: URLText gives %q", opaque, got)
			}
			plain, _ := url.Parse("http://h" + path + "?page=2")
			if want := URL(plain); strings.Contains(want, "SECRET") {
				t.Fatalf("the path %q itself is not redacted (%q): the test tests nothing", path, want)
			}
		}
	}
}
