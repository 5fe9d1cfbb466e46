package httpcache_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The package doc lists the statuses stored on heuristic freshness alone
// (RFC 9110 §15.1's heuristically cacheable ones: 200, 203, 204, 300, 301,
// 308, 404, 405, 410, 414, 501), and no test held the list (414 and 501
// taken out of it passed the package; TestNotStored has a 201). A response
// of each, with a Last-Modified 1000 s before its Date and no explicit
// freshness, answers the same request 29 s later from the cache; one of
// another status is asked of the origin again.
func TestHeuristicallyCacheableStatuses(t *testing.T) {
	clk := newClock()
	date := clk.Now()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Date", date.UTC().Format(http.TimeFormat))
		w.Header().Set("Last-Modified", date.Add(-1000*time.Second).UTC().Format(http.TimeFormat))
		w.WriteHeader(code)
		if code != http.StatusNoContent {
			io.WriteString(w, r.URL.Path)
		}
	})
	_, tr := cached(o, httpcache.WithClock(clk.Now))
	send := func(code int) {
		t.Helper()
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, fmt.Sprintf("%s/%d", o.URL, code), nil)
		resp, err := tr.RoundTrip(req) // not an http.Client's: a 3xx is the answer, not followed
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != code {
			t.Fatalf("status %d, want %d", resp.StatusCode, code)
		}
	}
	stored := []int{200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501}
	others := []int{201, 202, 205, 302, 303, 307, 400, 403, 500, 502, 503}
	for _, code := range append(stored, others...) {
		send(code)
	}
	clk.Add(29 * time.Second) // fresh for 100 s by the heuristic
	for _, code := range stored {
		before := o.hits.Load()
		send(code)
		if o.hits.Load() != before {
			t.Errorf("%d: asked of the origin again; want it stored on heuristic freshness", code)
		}
	}
	for _, code := range others {
		before := o.hits.Load()
		send(code)
		if o.hits.Load() == before {
			t.Errorf("%d: answered from the cache; want no heuristic freshness for it", code)
		}
	}
}
