package httpcache_test

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A successful POST to one spelling of an IPv6 address ([0:0::1],
// [0000::0001], upper-case hex) invalidates what a GET to another ([::1])
// stored: one address, one origin, one resource (RFC 9111 §4.4). They
// were filed apart, so the stale entry kept answering. A POST to another
// address, or to another zone, leaves it.
func TestUnsafeRequestInvalidatesEveryIPv6Spelling(t *testing.T) {
	var gets atomic.Int64
	origin := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if r.Method == http.MethodGet {
			gets.Add(1)
		}
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Cache-Control": {"max-age=600"}},
			Body: io.NopCloser(strings.NewReader("v")), Request: r}, nil
	})
	for _, c := range []struct {
		get, post   string
		invalidates bool
	}{
		{"http://[::1]:8080/a", "http://[0:0::1]:8080/a", true},
		{"http://[0000::0001]/a", "http://[::1]:80/a", true},
		{"http://[2001:db8::a]/a", "http://[2001:DB8:0::A]/a", true},
		{"http://[::ffff:7f00:1]/a", "http://[::FFFF:127.0.0.1]/a", true},
		{"http://[fe80::1%25eth0]/a", "http://[fe80:0::1%25eth0]/a", true},
		{"http://[fe80::1%25eth0]/a", "http://[fe80::1%25eth1]/a", false},
		{"http://[::1]/a", "http://[::2]/a", false},
		{"http://[::1]:8080/a", "http://[::1]:8081/a", false},
	} {
		tr := httpcache.New(origin)
		do(t, tr, http.MethodGet, c.get)
		do(t, tr, http.MethodGet, c.get)
		before := gets.Load()
		do(t, tr, http.MethodPost, c.post)
		do(t, tr, http.MethodGet, c.get)
		if refetched := gets.Load() > before; refetched != c.invalidates {
			t.Errorf("GET %s after POST %s: refetched %v, want %v", c.get, c.post, refetched, c.invalidates)
		}
	}
}
