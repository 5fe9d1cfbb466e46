//go:build !race

package store

import "testing"

// SignCheck's promise: the usual sign is found without an allocation.
func TestSignCheckAllocatesNothing(t *testing.T) {
	check := SignCheck("id", "7")
	body := []byte(`{"name":"Ann","id":7,"tags":["a","b"],"ok":true}`)
	if n := testing.AllocsPerRun(100, func() {
		if !check(nil, body) {
			t.Fatal("refused")
		}
	}); n != 0 {
		t.Fatalf("%v allocations per check", n)
	}
}
