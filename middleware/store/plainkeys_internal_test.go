package store

import (
	"testing"

	"github.com/taroreq/taroreq/internal/slots"
)

// A remembered key is Key's, for every method, target and partition, each
// asked three times; two requests differing in any one never share one.
func TestPlainKeysAreKeys(t *testing.T) {
	k := newPlainKeys()
	methods := []string{"", "GET", "HEAD"}
	targets := []string{"http://a.test/p", "http://a.test/p?q=1", "http://b.test/p", "http://a.test/p spelled=A.test"}
	partitions := []string{"", "alice", "bob", "\x00accept-encoding=gzip"}
	for round := 0; round < 3; round++ {
		for _, m := range methods {
			for _, tg := range targets {
				for _, p := range partitions {
					if got, want := k.key(m, tg, p), Key(m, tg, nil, p); got != want {
						t.Fatalf("round %d, %q %q %q: key %q, want %q", round, m, tg, p, got, want)
					}
				}
			}
		}
	}
}

// A request seen once is not remembered; seen twice, it is.
func TestPlainKeysRememberTheSecondSighting(t *testing.T) {
	remembered := func(k *plainKeys) int {
		n := 0
		for i := range uint64(slots.Count) {
			if k.Slot(i).Load() != nil {
				n++
			}
		}
		return n
	}
	k := newPlainKeys()
	k.key("GET", "http://a.test/once", "")
	if n := remembered(k); n != 0 {
		t.Fatalf("%d entries after one sighting", n)
	}
	k.key("GET", "http://a.test/once", "")
	if n := remembered(k); n != 1 {
		t.Fatalf("%d entries after two sightings", n)
	}
	if n := testing.AllocsPerRun(100, func() { k.key("GET", "http://a.test/once", "") }); n != 0 {
		t.Fatalf("a remembered key costs %v allocations", n)
	}
}
