package client

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// The histogram the jar reads the largest site's count from agrees with
// the counts themselves through sets, replacements, deletions, expiries
// and evictions, over random answers of random sites.
func TestOriginJarMostPerSiteAgreesWithTheCounts(t *testing.T) {
	j := newOriginJar()
	r := rand.New(rand.NewPCG(1, 2))
	for step := range 400 {
		u := mustURL(t, fmt.Sprintf("https://s%d.test/", r.IntN(40)))
		var cs []*http.Cookie
		for range r.IntN(200) {
			c := &http.Cookie{Name: fmt.Sprintf("c%d", r.IntN(300)), Value: "x", Path: "/", Secure: r.IntN(3) == 0}
			switch r.IntN(10) {
			case 0:
				c.MaxAge = -1
			case 1:
				c.Expires = time.Unix(1, 0)
			}
			cs = append(cs, c)
		}
		j.SetCookies(u, cs)
		j.mu.Lock()
		most, sites := 0, 0
		for _, n := range j.cookiesPerSite {
			most, sites = max(most, n), sites+1
		}
		got, counted := j.mostPerSite(), 0
		for _, n := range j.sitesHolding {
			counted += n
		}
		j.mu.Unlock()
		if got != most || counted != sites {
			t.Fatalf("step %d: histogram says most %d over %d sites, counts say %d over %d", step, got, counted, most, sites)
		}
	}
}

// One answer of 5000 cookies into a jar full of 3000 one-cookie sites: a
// refusal past the bound reads the histogram, not every site.
func BenchmarkOriginJarFullRefusals(b *testing.B) {
	var cs []*http.Cookie
	for i := range 5000 {
		cs = append(cs, &http.Cookie{Name: fmt.Sprintf("c%d", i), Value: "x", Path: "/"})
	}
	evil, _ := url.Parse("http://evil.test/")
	for b.Loop() {
		b.StopTimer()
		j := newOriginJar()
		for s := range 3000 {
			u, _ := url.Parse(fmt.Sprintf("http://10.0.%d.%d/", s/250, s%250))
			j.SetCookies(u, []*http.Cookie{{Name: "a", Value: "1"}})
		}
		b.StartTimer()
		j.SetCookies(evil, cs)
	}
}
