package httpcache

import (
	"fmt"
	"testing"
)

// A write looked up before invalidations of other URLs began is still
// made, however many there were (a busy origin's POSTs must not keep a
// slow GET's answer out of the cache); one of its own URL keeps it out,
// and so does every write when more began than are remembered.
func TestPendingInvalidationsTellWhichURLs(t *testing.T) {
	var p pendingInvalidations
	since := p.epoch.Load()
	for i := range 1000 {
		p.begin([]string{fmt.Sprint("other", i%300)})
	}
	if p.invalidatedSince("mine", since) {
		t.Fatal("1000 invalidations of other URLs kept mine's answer out")
	}
	if !p.invalidatedSince("other7", since) || p.invalidatedSince("other7", p.epoch.Load()) {
		t.Fatal("an invalidation of the URL since the lookup, and only since, keeps its answer out")
	}
	p.begin([]string{"mine"})
	if !p.invalidatedSince("mine", since) {
		t.Fatal("an invalidation of mine did not keep its answer out")
	}
	since = p.epoch.Load()
	for i := range maxRecent + 1 {
		p.begin([]string{fmt.Sprint("many", i)})
	}
	if !p.invalidatedSince("untouched", since) {
		t.Fatal("past what is remembered, a write must not be made")
	}
}
