package middleware

import (
	"context"
	"net/url"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/taroreq/taroreq/internal/credential"
)

type otherKey struct{}

// The context NewCallContext makes carries the Call, passes every other
// key and the parent's cancellation through, and a context derived from it
// attaches to the parent without a goroutine.
func TestNewCallContext(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), otherKey{}, "v"))
	ctx, call := NewCallContext(parent, Settings{Timeout: time.Second})
	if CallFrom(ctx) != call || call.Settings.Timeout != time.Second {
		t.Fatal("the Call is not the one carried")
	}
	if ctx.Value(otherKey{}) != "v" {
		t.Fatal("another key's value is lost")
	}
	// A hundred children, so that goroutines of earlier tests ending or
	// the runtime's own starting cannot pass for the answer: one goroutine
	// per child is a hundred more.
	before := runtime.NumGoroutine()
	var stops []context.CancelFunc
	for range 100 {
		_, stop := context.WithTimeout(ctx, time.Hour)
		stops = append(stops, stop)
	}
	if n := runtime.NumGoroutine() - before; n > 50 {
		t.Fatalf("deriving 100 contexts started %d goroutine(s)", n)
	}
	for _, stop := range stops {
		stop()
	}
	child, stop := context.WithTimeout(ctx, time.Hour)
	defer stop()
	if CallFrom(child) != call {
		t.Fatal("a derived context lost the Call")
	}
	cancel()
	select {
	case <-child.Done():
	case <-time.After(time.Second):
		t.Fatal("the parent's cancellation did not reach a derived context")
	}
	if ctx.Err() != context.Canceled || child.Err() != context.Canceled {
		t.Fatalf("Err = %v, %v", ctx.Err(), child.Err())
	}
}

// RedactedURL takes the client's text only for the URL it built, and still
// redacts it.
func TestRedactedURL(t *testing.T) {
	for _, raw := range []string{"http://h/p?q=1", "http://h/p?token=s3cret", "http://u:pw@h/p", "http://h/p#frag"} {
		u, _ := url.Parse(raw)
		call := NewCall(Settings{URL: u, URLText: u.String()})
		clone := *u
		other, _ := url.Parse("http://other/x?api_key=k")
		for _, v := range []*url.URL{u, &clone, other} {
			if got, want := call.RedactedURL(v), credential.URL(v); got != want {
				t.Errorf("RedactedURL(%s) = %q, want %q", v, got, want)
			}
		}
	}
	if got := (*Call)(nil).RedactedURL(&url.URL{Scheme: "http", Host: "h"}); got != "http://h" {
		t.Errorf("nil Call: %q", got)
	}
}

// The context that carries a Call is one allocation per request; with the
// 8-byte header the runtime adds to objects over 512 bytes that hold
// pointers, it fits the 576-byte size class up to 568 bytes. A field more
// moves it to 640 (64 bytes more per request): what only some calls record
// goes in hopState.
func TestCallContextFitsItsSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(callContext{}); n > 568 {
		t.Fatalf("callContext is %d bytes: over 568, it takes the 640-byte size class", n)
	}
}

// A CallRoom serves one call: its context and Call are that call's for as
// long as anyone holds them, so a second call in it gets a context of its
// own, never changes them.
func TestCallRoomServesOneCall(t *testing.T) {
	var room CallRoom
	ctx, call := NewCallContextIn(&room, context.Background(), Settings{RetryTimes: 3})
	if CallFrom(ctx) != call || call.Settings.RetryTimes != 3 {
		t.Fatalf("the room's context carries %p, want %p", CallFrom(ctx), call)
	}
	// A second call, and one without a room, get a context of their own:
	// the first call's stays as it was.
	ctx2, call2 := NewCallContextIn(&room, context.Background(), Settings{RetryTimes: 1})
	ctx3, call3 := NewCallContextIn(nil, context.Background(), Settings{RetryTimes: 2})
	if call2 == call || CallFrom(ctx2) != call2 || call2.Settings.RetryTimes != 1 ||
		CallFrom(ctx3) != call3 || call3.Settings.RetryTimes != 2 {
		t.Fatal("a used room, or none, did not give a call of its own")
	}
	if CallFrom(ctx) != call || call.Settings.RetryTimes != 3 {
		t.Error("the first call's Settings changed")
	}
}

// Settings written in a room's place are the Call's that Open makes, with
// no copy; a room serves one call, and a used or nil room gives none to
// write in, and a Call of its own.
func TestCallRoomSettingsInPlace(t *testing.T) {
	var room CallRoom
	s := room.Settings()
	if s == nil {
		t.Fatal("an unused room has no Settings to write")
	}
	s.RetryTimes, s.StoreKey = 4, "k"
	ctx, call := room.Open(context.Background())
	if CallFrom(ctx) != call || &call.Settings != s || call.Settings.RetryTimes != 4 || call.Settings.StoreKey != "k" {
		t.Fatalf("Open's Call does not hold the Settings written in place: %+v", call.Settings)
	}
	if room.Settings() != nil {
		t.Fatal("a used room gives its Call's Settings to write again")
	}
	ctx2, call2 := room.Open(context.Background())
	if call2 == call || CallFrom(ctx2) != call2 || call2.Settings.RetryTimes != 0 || call.Settings.RetryTimes != 4 {
		t.Fatal("a used room's Open did not give a Call of its own, the first unchanged")
	}
	var none *CallRoom
	if none.Settings() != nil {
		t.Fatal("a nil room has Settings")
	}
	if ctx3, call3 := none.Open(context.Background()); call3 == nil || CallFrom(ctx3) != call3 {
		t.Fatal("a nil room's Open gave no Call")
	}
}
