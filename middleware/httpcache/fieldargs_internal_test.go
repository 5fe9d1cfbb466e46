package httpcache

import (
	"net/http"
	"testing"
)

// Each directive after a comma counts, the argument of no-cache or private
// before it unquoted or not; a quoted string, and every other directive's
// argument, is read as before.
func TestFieldArgsEndAtComma(t *testing.T) {
	for _, tc := range []struct {
		cc                        string
		private, noStore, noCache bool
		maxAge                    int
	}{
		{"no-cache=Set-Cookie,private", true, false, true, -1},
		{"no-cache=Set-Cookie,no-store", false, true, true, -1},
		{"private=Set-Cookie,no-store,max-age=5", true, true, false, 5},
		{"PRIVATE=X-A,NO-STORE", true, true, false, -1},
		{"no-cache=,private", true, false, true, -1},
		{"no-cache=a\t,private", true, false, true, -1},
		{`private="Set-Cookie,X-A", max-age=5`, true, false, false, 5},
		{`private="a\",no-store", max-age=5`, true, false, false, 5},
		{`x="no-cache=a,private", max-age=5`, false, false, false, 5},
		{"max-age=5,private", true, false, false, 5},
		{"x=no-cache=a,private", true, false, false, -1},
		{"private, no-cache", true, false, true, -1},
		{`private="unterminated, no-store`, false, true, false, -1}, // refused: no-store
	} {
		d := responseDirectives(http.Header{"Cache-Control": {tc.cc}})
		if d.PrivatePresent != tc.private || d.NoStore != tc.noStore || d.NoCachePresent != tc.noCache || int(d.MaxAge) != tc.maxAge {
			t.Errorf("%q: private %v no-store %v no-cache %v max-age %d, want %v %v %v %d", tc.cc,
				d.PrivatePresent, d.NoStore, d.NoCachePresent, d.MaxAge, tc.private, tc.noStore, tc.noCache, tc.maxAge)
		}
	}
	for _, v := range []string{"max-age=5", `private="a,b", no-store`, "no-cache", ""} {
		if got := fieldArgsEndAtComma(v); got != v {
			t.Errorf("%q changed to %q", v, got)
		}
	}
}
