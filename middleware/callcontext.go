package middleware

import (
	"context"
	"fmt"
)

type callKey struct{}

// WithCall returns a context that carries call.
func WithCall(ctx context.Context, call *Call) context.Context {
	return context.WithValue(ctx, callKey{}, call)
}

// CallFrom returns the Call in ctx, or nil when the request did not come
// from a taroreq client.
func CallFrom(ctx context.Context) *Call {
	c, _ := ctx.Value(callKey{}).(*Call)
	return c
}

// NewCall returns a Call for settings s.
func NewCall(s Settings) *Call { return &Call{Settings: s} }

// NewCallContext is NewCall and WithCall in one allocation: the context
// that carries the Call holds it.
func NewCallContext(ctx context.Context, s Settings) (context.Context, *Call) {
	cc := &callContext{Context: ctx, call: Call{Settings: s}}
	return cc, &cc.call
}

// CallRoom is room for a Call and the context that carries it, for a
// client to allocate with its own state of the call (see NewCallContextIn),
// which then lives as long as the Call. The zero CallRoom is ready; it
// serves one call. Hand it to one NewCallContextIn at a time (that call
// fills it without a lock); once filled it is the Call's, read as safely
// from several goroutines as the Call is.
type CallRoom struct{ cc callContext }

// NewCallContextIn is NewCallContext in room, which allocates nothing. A
// room serves one call: given one that has served a call already (or a
// nil one), it is NewCallContext, which allocates, as the first call's
// context and Call must not change under it.
func NewCallContextIn(room *CallRoom, ctx context.Context, s Settings) (context.Context, *Call) {
	if room == nil || room.cc.Context != nil {
		return NewCallContext(ctx, s)
	}
	room.cc.Context, room.cc.call.Settings = ctx, s
	return &room.cc, &room.cc.call
}

// Settings returns the Settings of the Call room is to hold, for a client
// to write in place before Open (a Settings is a few hundred bytes: each
// copy costs a call as much as a layer's own work), or nil when the room
// has served a call already (NewCallContextIn then).
func (room *CallRoom) Settings() *Settings {
	if room == nil || room.cc.Context != nil {
		return nil
	}
	return &room.cc.call.Settings
}

// Open is NewCallContextIn(room, ctx, s) for the Settings s written in
// place through room.Settings(), which must have been non-nil: without a
// copy of them. Given a room that has served a call, or a nil one, it is
// NewCallContext with zero Settings, the first call's staying as they are.
func (room *CallRoom) Open(ctx context.Context) (context.Context, *Call) {
	if room == nil || room.cc.Context != nil {
		return NewCallContext(ctx, Settings{})
	}
	room.cc.Context = ctx
	return &room.cc, &room.cc.call
}

// callContext is a context carrying a Call it holds. context.WithCancel and
// the like still attach to the nearest cancelable parent, as Value and Done
// are the parent's for every other key.
type callContext struct {
	context.Context
	call Call
}

func (c *callContext) Value(key any) any {
	if _, ok := key.(callKey); ok {
		return &c.call
	}
	return c.Context.Value(key)
}

func (c *callContext) String() string { return fmt.Sprintf("%v.WithCall", c.Context) }
