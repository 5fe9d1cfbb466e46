package middleware

import (
	"errors"
	"io"
	"net/url"
	"strings"
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
	if !errors.Is(ev[0].Err, cause) || ev[0].Err.Error() != "boom" || ev[1].URL != "http://b.test/" {
		t.Fatalf("events %+v", ev)
	}
}

// An event's error reads redacted, and still matches its cause.
func TestEventErrorRedacted(t *testing.T) {
	cause := &url.Error{Op: "Get", URL: "https://h/x?access_token=s3cret", Err: io.ErrUnexpectedEOF}
	call := NewCall(Settings{})
	call.AddEvent(Event{Name: EventRetry, Err: cause})
	got := call.Events()[0].Err
	if strings.Contains(got.Error(), "s3cret") || !strings.Contains(got.Error(), "REDACTED") {
		t.Errorf("event error %q", got)
	}
	var ue *url.Error
	if !errors.Is(got, io.ErrUnexpectedEOF) || !errors.As(got, &ue) || ue != cause {
		t.Errorf("the cause is lost: %v", got)
	}
	if again := call.Events()[0].Err; again.Error() != got.Error() {
		t.Errorf("read twice: %q then %q", got, again)
	}
}
