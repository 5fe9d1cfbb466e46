package middleware

import (
	"errors"
	"net/url"
	"testing"
)

// An event recorded with AddEventURL reads back with its URL redacted and
// its order kept, past the first (inline) event.
func TestAddEventURLRedacts(t *testing.T) {
	call := NewCall(Settings{})
	u, _ := url.Parse("http://ann:pw@h.test/p?token=s3cret&q=1")
	cause := errors.New("boom")
	call.AddEventURL(EventRetry, u, cause)
	call.AddEvent(Event{Name: EventFailover, URL: "http://b.test/"})
	call.AddEventURL(EventStoreHit, u, nil)
	ev := call.Events()
	if len(ev) != 3 || ev[0].Name != EventRetry || ev[1].Name != EventFailover || ev[2].Name != EventStoreHit {
		t.Fatalf("events %+v", ev)
	}
	for _, i := range []int{0, 2} {
		if ev[i].URL != "http://h.test/p?token=REDACTED&q=1" || ev[i].At.IsZero() {
			t.Errorf("event %d: URL %q, At %v", i, ev[i].URL, ev[i].At)
		}
	}
	if ev[0].Err != cause || ev[1].URL != "http://b.test/" {
		t.Fatalf("events %+v", ev)
	}
}
