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
		return time.Since(start)
	}
	// The best of rounds that take the two in turn, so that a machine
	// busy for a while slows both; the defect was thirty times, the
	// bound is ten.
	few, many := time.Duration(1<<62), time.Duration(1<<62)
	for range 4 {
		few, many = min(few, answer(1, 1)), min(many, answer(17, 180))
	}
	t.Logf("%v against 3060 records of other sites, %v against one", many, few)
	if many > 10*few+100*time.Millisecond {
		t.Errorf("the answer took %v against 3060 records of other sites, %v against one", many, few)
	}
}
