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

// Requests looked up on either side of an invalidation of their URL never
// get one flight mark, even once it is forgotten; invalidations of other
// URLs change no mark of requests on the same side.
func TestFlightMarksSplitOnlyAcrossTheirURL(t *testing.T) {
	var p pendingInvalidations
	look := func() lookup { return lookup{index: "mine", epoch: p.epoch.Load()} }
	before := look()
	p.begin([]string{"other"})
	if a, b := p.flightMark(before), p.flightMark(look()); a != b {
		t.Fatalf("an invalidation of another URL split the marks: %d, %d", a, b)
	}
	p.begin([]string{"mine"})
	after := look()
	marks := map[int64]string{}
	for i := range maxRecent + 10 {
		if i > 0 {
			p.begin([]string{fmt.Sprint("many", i)}) // mine's is forgotten on the way
		}
		b, a := p.flightMark(before), p.flightMark(after)
		if b == a {
			t.Fatalf("after %d more: the same mark %d before and after mine's invalidation", i, a)
		}
		if s := marks[b]; s == "after" {
			t.Fatalf("mark %d given to both sides", b)
		}
		if s := marks[a]; s == "before" {
			t.Fatalf("mark %d given to both sides", a)
		}
		marks[b], marks[a] = "before", "after"
	}
}

// A write under way when an invalidation of its URL begins keeps the URL's
// lookups missing until it ends, whatever the writes begun since do: one
// begun after the invalidation that ends first does not end it.
func TestWritesUnderAnInvalidationCountUntilEachEnds(t *testing.T) {
	var p pendingInvalidations
	first := p.write("mine")
	other := p.write("other")
	p.begin([]string{"mine"})
	second := p.write("mine") // begun after: not counted
	p.written(second)
	p.written(other)
	if !p.has("mine") {
		t.Fatal("the write under way at the invalidation no longer counts once a later one ended")
	}
	if p.has("other") {
		t.Fatal("a write of another URL counts")
	}
	third := p.write("mine")
	p.begin([]string{"mine"}) // counts first (once) and third
	p.written(first)
	if !p.has("mine") {
		t.Fatal("the second invalidation's write under way no longer counts")
	}
	p.written(third)
	if p.has("mine") || p.total.Load() != 0 || len(p.writing) != 0 {
		t.Fatalf("every write ended: still counted (total %d, writing %v)", p.total.Load(), p.writing)
	}
}
