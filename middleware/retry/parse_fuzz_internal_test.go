package retry

import (
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Whatever a 206's Content-Range says: no panic, and what it accepts is a
// range of at least one byte, within the complete length when it has one.
func FuzzContentRange(f *testing.F) {
	for _, s := range []string{"bytes 0-9/10", "bytes 5-9/*", "bytes 9-5/10", "bytes -1-3/4", "bytes 0-9/9",
		"bytes 1- 2 / 3 ", "bytes */10", "bytes 0-9223372036854775807/*", "bytes 1-2/3/4", "bits 0-1/2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cr string) {
		first, last, complete, ok := contentRange(cr)
		if !ok {
			return
		}
		if first < 0 || last < first || (complete != -1 && complete <= last) {
			t.Fatalf("%q: %d-%d/%d", cr, first, last, complete)
		}
		if span := last - first + 1; span <= 0 {
			t.Fatalf("%q: a span of %d bytes", cr, span)
		}
	})
}

// Whatever a Retry-After says: no panic, never a negative wait.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "0", "-1", "99999999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", " 5 ", "1.5", "+3", ""} {
		f.Add(s)
	}
	now := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		resp := &http.Response{Header: http.Header{"Retry-After": {v}}}
		d, ok := retryAfter(resp, now)
		if d < 0 || !ok && d != 0 {
			t.Fatalf("%q: %v %v", v, d, ok)
		}
		if ok && strings.Trim(strings.TrimSpace(v), "0123456789") == "" && d != math.MaxInt64 && d%time.Second != 0 {
			t.Fatalf("%q: %v", v, d)
		}
	})
}

// A megabyte of adversarial header is parsed in linear time.
func TestRangeHeadersLinear(t *testing.T) {
	big := []string{"bytes " + strings.Repeat("-", 1<<20) + "/1", "bytes " + strings.Repeat("9", 1<<20) + "-1/2",
		strings.Repeat("1", 1<<20), "Wed, " + strings.Repeat(" ", 1<<20) + "21 Oct 2015 07:28:00 GMT"}
	for _, s := range big {
		start := time.Now()
		contentRange(s)
		retryAfter(&http.Response{Header: http.Header{"Retry-After": {s}}}, time.Now())
		if d := time.Since(start); d > time.Second { // quadratic would take hours; -race and a busy machine take tens of ms
			t.Errorf("%.20q…: %v", s, d)
		}
	}
}
