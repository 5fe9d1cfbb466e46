package client_test

import (
	"testing"

	"github.com/taroreq/taroreq/client"
)

// SameOrigin resolves a URL as the client resolves an Option's: a
// network-path reference, a scheme whose "://" a tab splits (fetch removes
// it), another port or scheme are other origins; a relative path and the
// base's own origin in any case are its.
func TestSameOriginResolvesAsTheClient(t *testing.T) {
	c := client.New(client.WithBaseURL("https://api.test/v1/"))
	for raw, want := range map[string]bool{
		"/users": true, "users": true, "?q=1": true, "https://API.test/x": true, "https://api.test:443/x": true,
		"//other.test/x": false, "https:/\t/other.test/x": false, "http://api.test/x": false,
		"https://api.test:8443/x": false, "https://user:pw@other.test/": false, "": false, "ftp://api.test/": false,
	} {
		if got := c.SameOrigin(raw); got != want {
			t.Errorf("SameOrigin(%q) = %v, want %v", raw, got, want)
		}
	}
	if client.New().SameOrigin("/x") {
		t.Error("a client without a base URL has no origin")
	}
}
