package main

import (
	"strings"
	"testing"
	"time"
)

// Whatever a 206's or a 416's Content-Range says: no panic, and an
// accepted span covers at least one byte (-c appends exactly that many).
func FuzzContentRangeSpan(f *testing.F) {
	for _, s := range []string{"bytes 0-9/10", "bytes 5-9/*", "bytes 9-5/10", "bytes */10", "bytes */-1",
		"bytes 0-9223372036854775807/*", "bytes 1-2", "bytes -3/4", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cr string) {
		if first, last, ok := contentRangeSpan(cr); ok && (first < 0 || last-first+1 <= 0) {
			t.Fatalf("%q: %d-%d, a span of %d", cr, first, last, last-first+1)
		}
		if n, ok := unsatisfiedRangeSize(cr); ok && n < 0 {
			t.Fatalf("%q: size %d", cr, n)
		}
	})
}

// A megabyte of adversarial Content-Range is parsed in linear time.
func TestContentRangeSpanLinear(t *testing.T) {
	for _, s := range []string{"bytes " + strings.Repeat("-", 1<<20), "bytes */" + strings.Repeat("9", 1<<20)} {
		start := time.Now()
		contentRangeSpan(s)
		unsatisfiedRangeSize(s)
		if d := time.Since(start); d > time.Second { // quadratic would take hours; -race and a busy machine take tens of ms
			t.Errorf("%.20q…: %v", s, d)
		}
	}
}
