package transports

import (
	"net/url"
	"strings"
	"testing"
)

// A recording never keeps the userinfo of a URL's opaque part
// ("//u:pw@host/p"), as it keeps no URL's User.
func TestRecordedURLDropsOpaqueUserinfo(t *testing.T) {
	u := &url.URL{Scheme: "http", Host: "h.example", Opaque: "//u:SECRET@h.example/p", RawQuery: "token=abc&a=1"}
	got := redactURL(u)
	if strings.Contains(got, "SECRET") || strings.Contains(got, "abc") || !strings.Contains(got, "h.example/p") {
		t.Errorf("redactURL = %q", got)
	}
}
