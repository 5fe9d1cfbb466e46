package middleware

import (
	"context"
	"time"
)

type storageBoundKey struct{}

// storageBound is what a context bounded by BoundStorage keeps of the
// context it bounded: that context's deadline, if it had one.
type storageBound struct {
	caller   time.Time // the bounded context's deadline, if callerOK
	callerOK bool
	bound    time.Time // the bound's
}

// BoundStorage returns ctx bounded for one operation of a storage that may
// stall (a paused Redis behind a store honouring ctx): half of the Timeout
// of ctx's client call (which has no deadline above its attempts) and half
// of what is left of ctx's deadline, whichever ends first; ctx itself when
// neither bounds it. CallerDeadline still tells the deadline of ctx.
func BoundStorage(ctx context.Context) (context.Context, context.CancelFunc) {
	d, bounded := time.Duration(0), false
	if call := CallFrom(ctx); call != nil && call.Settings.Timeout > 0 {
		d, bounded = call.Settings.Timeout/2, true
	}
	dl, ok := ctx.Deadline()
	if ok && (!bounded || time.Until(dl)/2 < d) {
		d, bounded = time.Until(dl)/2, true
	}
	if !bounded {
		return ctx, func() {}
	}
	b := storageBound{caller: dl, callerOK: ok, bound: time.Now().Add(d)}
	return context.WithDeadline(context.WithValue(ctx, storageBoundKey{}, b), b.bound)
}

// CallerDeadline returns the deadline of the caller of a storage operation
// under ctx: for a context BoundStorage bounded, that of the context it
// bounded (the bound is a share that a storage which stalls may use up,
// which says nothing of how long its caller has: plugins/redisstore counts
// a timeout within it as Redis failing to answer); else, or when a
// deadline before the bound was set under it, ctx's own.
func CallerDeadline(ctx context.Context) (time.Time, bool) {
	dl, ok := ctx.Deadline()
	if b, has := ctx.Value(storageBoundKey{}).(storageBound); has && ok && !dl.Before(b.bound) {
		return b.caller, b.callerOK
	}
	return dl, ok
}
