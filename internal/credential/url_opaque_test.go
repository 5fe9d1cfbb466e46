package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A URL whose opaque part is an authority and a path ("//u:pw@host/p", as
// a caller may set it for net/http to send as the request target) prints
// that userinfo after its scheme: it is removed as a URL's User is.
func TestOpaqueAuthorityUserinfoIsRedacted(t *testing.T) {
	for _, u := range []*url.URL{
		{Scheme: "http", Host: "h.example", Opaque: "//u:SECRET@h.example/p", RawQuery: "a=1"},
		{Scheme: "https", Host: "h.example", Opaque: "//SECRET@h.example"},
	} {
		if got := URL(u); strings.Contains(got, "SECRET") || !strings.Contains(got, "h.example") {
			t.Errorf("URL(%#v) = %q", u, got)
		}
	}
	// An '@' in the path of an opaque part is no userinfo.
	u := &url.URL{Scheme: "http", Host: "h.example", Opaque: "//h.example/@alice"}
	if got := URL(u); got != "http://h.example/@alice" {
		t.Errorf("URL = %q", got)
	}
}
