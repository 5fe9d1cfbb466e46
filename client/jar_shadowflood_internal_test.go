package client

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// An http answer setting many cookies of a name that Secure cookies of
// other sites hold compares each with the records of its own site only:
// it compared each with every record of the name, so 20000 cookies named
// x against 3060 Secure x of seventeen other sites (set over their https)
// held the jar's lock, which every request's cookies wait on, for over
// two seconds, thirty times as long as against one record. The cost no
// longer grows with the records of other sites.
func TestOriginJarHTTPCookieFloodIsNotJudgedAgainstEveryRecord(t *testing.T) {
	var flood []*http.Cookie
	for i := range 20000 {
		flood = append(flood, &http.Cookie{Name: "x", Value: "1", Path: fmt.Sprintf("/q%d", i)})
	}
	victim := mustURL(t, "http://www.victim.test/")
	answer := func(sites, per int) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			j := newOriginJar()
			for s := range sites {
				var cs []*http.Cookie
				for i := range per {
					cs = append(cs, &http.Cookie{Name: "x", Value: "1", Path: fmt.Sprintf("/p%d", i), Secure: true})
				}
				j.SetCookies(mustURL(t, fmt.Sprintf("https://www.far%d.test/", s)), cs)
			}
			start := time.Now()
			j.SetCookies(victim, flood)
			best = min(best, time.Since(start))
		}
		return best
	}
	few, many := answer(1, 1), answer(17, 180)
	if many > 5*few+50*time.Millisecond {
		t.Errorf("the answer took %v against 3060 records of other sites, %v against one", many, few)
	}
}
