package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The ttl of a stale answer's Cache-Status is RFC 9211's: the remaining
// freshness lifetime as an sf-integer (RFC 8941: an optional "-" then
// digits, which a serializer never writes as "-0"). It was written as "-"
// and the seconds stale, so an entry stale by less than a second, or a
// fresh one the request refused, said "ttl=-0".
func TestCacheStatusTTLIsAnInteger(t *testing.T) {
	sfMember := regexp.MustCompile(`^taroreq; hit; ttl=(0|-?[1-9][0-9]{0,14}); detail=[A-Za-z*][!#$%&'*+.^_` + "`" + `|~0-9A-Za-z:/-]*$`)
	for _, tc := range []struct {
		name    string
		after   time.Duration
		header  []string // request fields
		wantTTL string
	}{
		{"stale by half a second", 10*time.Second + 500*time.Millisecond, nil, "-1"},
		{"stale by a minute", 70 * time.Second, nil, "-60"},
		{"fresh, refused by the request's max-age", 4 * time.Second, []string{"Cache-Control", "max-age=1"}, "6"},
		{"fresh, refused by the request's min-fresh", 4 * time.Second, []string{"Cache-Control", "min-fresh=8"}, "6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := newClock()
			o := closingOrigin(t, "max-age=10")
			hc, _ := cached(o, httpcache.WithClock(clk.Now))
			get(t, hc, o.URL)
			clk.Add(tc.after)
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, o.URL, nil)
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatalf("closed connection: %v, want the stale entry", err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if _, stale := httpcache.ServedStale(resp); !stale {
				t.Fatalf("not served stale: Cache-Status %q", resp.Header.Values("Cache-Status"))
			}
			cs := resp.Header.Get("Cache-Status")
			want := "taroreq; hit; ttl=" + tc.wantTTL + "; detail=" + httpcache.DetailUnreachable
			if cs != want || !sfMember.MatchString(cs) {
				t.Errorf("Cache-Status %q, want %q", cs, want)
			}
		})
	}
}
