package client_test

import (
	"bytes"
	"errors"
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

func FuzzReadEvents(f *testing.F) {
	f.Add([]byte("\xef\xbb\xbfid: 1\r\nretry: 10\rdata: a\n\ndata\n:c\n\n"), 16)
	f.Add([]byte("data: x\r\n\r\nid: \x00\nevent: e\ndata:\n\n"), 0)
	f.Fuzz(func(t *testing.T, b []byte, max int) {
		if max > 1<<20 {
			max = 1 << 20
		}
		for ev, err := range client.ReadEvents(bytes.NewReader(b), max) {
			if err != nil {
				if !errors.Is(err, client.ErrResponseTooLarge) {
					t.Fatalf("unexpected error %v", err)
				}
				break
			}
			if ev.Type == "" || ev.Retry < 0 {
				t.Fatalf("event %+v", ev)
			}
			if max > 0 && len(ev.Data) > max {
				t.Fatalf("event data %d > max %d", len(ev.Data), max)
			}
		}
	})
}

// TestReadEventsOfNilReader: a nil reader yields one error, no panic.
func TestReadEventsOfNilReader(t *testing.T) {
	n := 0
	for _, err := range client.ReadEvents(nil, 0) {
		if n++; err == nil {
			t.Error("an event from a nil reader")
		}
	}
	if n != 1 {
		t.Errorf("%d yields, want one error", n)
	}
}
