package middleware_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

// ImpersonalClone is Impersonal of a Clone: the same fields and values,
// nil ones kept, none personal, and nothing shared with the original.
func TestImpersonalCloneIsImpersonalOfClone(t *testing.T) {
	for _, h := range []http.Header{
		nil,
		{},
		{"Content-Type": {"application/json"}, "Date": {"x"}, "Content-Length": {"2"}},
		{"Set-Cookie": {"sid=alice"}, "Content-Type": {"text/plain"}},
		{"X-Session-Token": {"alice"}, "Www-Authenticate": {"Bearer"}, "X-Empty": {}, "X-Nil": nil},
		{"Set-Cookie2": {"a"}, "X-Auth-Token": {"b"}},
		{"Vary": {"Accept", "Origin"}, "Link": {"<a>", "<b>", "<c>"}},
	} {
		want := middleware.Impersonal(h.Clone())
		got := middleware.ImpersonalClone(h)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: got %v, want %v", h, got, want)
		}
		for k, vs := range got {
			if middleware.Personal(k) {
				t.Errorf("%v: personal %s kept", h, k)
			}
			if len(vs) > 0 {
				vs[0] = "changed"
				if h[k][0] == "changed" {
					t.Errorf("%v: %s's values are shared", h, k)
				}
			}
		}
		if got != nil {
			got["Added"] = []string{"x"}
			if _, ok := h["Added"]; ok {
				t.Errorf("%v: the map is shared", h)
			}
		}
	}
}

// TestPersonalFields: Set-Cookie and fields named like a credential are
// personal, and so is a cookie a gateway moved to another field; standard
// fields that only name a scheme or a policy are not.
func TestPersonalFields(t *testing.T) {
	for name, want := range map[string]bool{
		"Set-Cookie": true, "set-cookie2": true, "X-Session-Token": true, "X-Auth-Token": true,
		"X-Amzn-Remapped-Set-Cookie": true, "X-Set-Cookie": true,
		"Content-Type": false, "WWW-Authenticate": false, "Access-Control-Allow-Credentials": false,
		"Etag": false, "X-Request-Id": false,
	} {
		if got := middleware.Personal(name); got != want {
			t.Errorf("Personal(%q) = %v, want %v", name, got, want)
		}
	}
}

// HandsCookie: an answer that sets a cookie a plain http.Client's jar takes,
// unless the origin says it is public.
func TestHandsCookie(t *testing.T) {
	for _, tc := range []struct {
		h    http.Header
		want bool
	}{
		{http.Header{}, false},
		{http.Header{"Set-Cookie": {"sid=1"}}, true},
		{http.Header{"Set-Cookie": {"sid=1"}, "Cache-Control": {"max-age=60"}}, true},
		{http.Header{"Set-Cookie": {"sid=1"}, "Cache-Control": {"max-age=60, Public"}}, false},
		{http.Header{"Set-Cookie": {"sid=1"}, "Cache-Control": {"no-cache", "public"}}, false},
		{http.Header{"Cache-Control": {"public"}}, false},
	} {
		if got := middleware.HandsCookie(tc.h); got != tc.want {
			t.Errorf("HandsCookie(%v) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

// An answer hands its caller a session when it sets a cookie or a field
// named like a credential (X-Session-Token), unless public; the standard
// fields of an authentication exchange (Authentication-Info,
// Proxy-Authentication-Info) say something of the request's credentials
// and hand out none: their answers are kept (the cache-tests suite's
// headers-store-Proxy-Authentication-Info and -Proxy-Authorization).
func TestHandsSession(t *testing.T) {
	for _, tc := range []struct {
		h    http.Header
		want bool
	}{
		{http.Header{"Set-Cookie": {"sid=1"}}, true},
		{http.Header{"X-Session-Token": {"s1"}}, true},
		{http.Header{"X-Auth-Token": {"a1"}, "Content-Type": {"application/json"}}, true},
		{http.Header{"X-Session-Token": {"s1"}, "Cache-Control": {"max-age=60, public"}}, false},
		{http.Header{"Proxy-Authentication-Info": {`nextnonce="x"`}}, false},
		{http.Header{"Authentication-Info": {`rspauth="x"`}}, false},
		{http.Header{"Proxy-Authorization": {"Basic eA=="}}, false},
		{http.Header{"Www-Authenticate": {`Bearer realm="api"`}}, false},
		{http.Header{"Content-Type": {"text/plain"}}, false},
	} {
		if got := middleware.HandsSession(tc.h); got != tc.want {
			t.Errorf("HandsSession(%v) = %v, want %v", tc.h, got, tc.want)
		}
	}
}
