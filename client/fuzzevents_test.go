package client_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/taroreq/taroreq/client"
)

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
