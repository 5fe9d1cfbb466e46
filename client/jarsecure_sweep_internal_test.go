package client

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// ghost records a Secure cookie the jar does not hold, as the record of
// one that expired since is: only a sweep drops it.
func ghost(j *originJar, i int) {
	key := "\x00ghost"
	j.secure[key] = append(j.secure[key], secureCookie{domain: fmt.Sprintf("g%d.gone.test", i), path: "/", site: fmt.Sprintf("g%d.gone.test", i)})
	j.nsecure++
}

// A jar full of live Secure cookies (seventeen https sites filling their
// share) does not sweep its records, which asks the jar of each of them,
// on every https answer that sets a cookie: a site's rolling Secure
// session, set again on each answer, cost the whole sweep each time under
// the jar's lock (about a second for ten answers), where the records a
// sweep could drop are at most the few that expired.
func TestOriginJarFullOfSecureCookiesDoesNotSweepEachAnswer(t *testing.T) {
	j := newOriginJar()
	bank := mustURL(t, "https://www.bank.test/")
	j.SetCookies(bank, []*http.Cookie{{Name: "sid", Value: "0", Path: "/", Secure: true}})
	fill(t, j, 17, 180, true)
	ghost(j, 0)
	for i := range 3 {
		j.SetCookies(bank, []*http.Cookie{{Name: "sid", Value: fmt.Sprint(i + 1), Path: "/", Secure: true}})
		j.SetCookies(bank, []*http.Cookie{{Name: "lang", Value: "fr", Path: "/"}})
	}
	if len(j.secure["\x00ghost"]) != 1 {
		t.Errorf("the records were swept on an answer of a full jar, want a sweep only once dead ones may have gathered")
	}
	if got := j.Cookies(bank); len(got) != 2 {
		t.Errorf("the bank holds %v, want its session and lang", got)
	}
}

// The records of cookies gone are still swept once they gather: they stay
// within maxSecure and a site's share of one answer.
func TestOriginJarSecureRecordsOfGoneCookiesSwept(t *testing.T) {
	j := newOriginJar()
	sites := fill(t, j, 3, 100, true)
	for i := range maxSecure {
		ghost(j, i)
	}
	var cs []*http.Cookie
	for i := range 50 {
		cs = append(cs, &http.Cookie{Name: fmt.Sprint("n", i), Value: "x", Path: "/", Secure: true})
	}
	j.SetCookies(mustURL(t, "https://new.test/"), cs)
	if n := records(j); n != 350 {
		t.Errorf("%d records after the sweep, want the 350 of the cookies held", n)
	}
	if n := held(t, j, sites); n != 300 {
		t.Errorf("the sites hold %d cookies, want 300", n)
	}
}

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
