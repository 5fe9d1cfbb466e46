package client_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A retry field of ASCII digits sets the reconnection time to the integer
// they make (WHATWG HTML, "Interpreting an event stream"), whatever their
// number: leading zeros are digits like any other, and a time too long for
// a Duration is the longest one, not ignored (which would keep the last
// time, reconnecting where the server asked for no such thing).
func TestReadEventsRetryFieldAnyNumberOfDigits(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"retry: 0000000000003000\ndata: a\n\n", 3 * time.Second},
		{"retry: 3000\nretry: 0000000000000000000000\ndata: a\n\n", 0},
		{"retry: 9223372036854\ndata: a\n\n", 9223372036854 * time.Millisecond},
		{"retry: 9223372036855\ndata: a\n\n", math.MaxInt64},
		{"retry: 3000\nretry: 99999999999999999999999\ndata: a\n\n", math.MaxInt64},
		{"retry: 3000\nretry: 1e3\ndata: a\n\n", 3 * time.Second}, // not digits: ignored
	} {
		n := 0
		for ev, err := range client.ReadEvents(strings.NewReader(tc.in), 0) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; ev.Retry != tc.want {
				t.Errorf("%q: Retry %v, want %v", tc.in, ev.Retry, tc.want)
			}
		}
		if n != 1 {
			t.Errorf("%q: %d events, want 1", tc.in, n)
		}
	}
}
