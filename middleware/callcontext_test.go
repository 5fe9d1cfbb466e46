package middleware

import (
	"context"
	"runtime"
	"testing"
	"time"
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
	before := runtime.NumGoroutine()
	child, stop := context.WithTimeout(ctx, time.Hour)
	defer stop()
	if n := runtime.NumGoroutine(); n != before {
		t.Fatalf("deriving a context started %d goroutine(s)", n-before)
	}
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
