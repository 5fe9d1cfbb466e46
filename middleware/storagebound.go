package middleware

import (
	"context"
	"time"
)

type storageBoundKey struct{}

// storageBound is what a context bounded by BoundStorage keeps of the
// context it bounded: its caller's deadline.
type storageBound struct {
	caller time.Time // the bounded context's, or the end of its call's Timeout
	bound  time.Time // the bound's
}

// BoundStorage returns ctx bounded for one operation of a storage that may
// stall (a paused Redis behind a store honouring ctx): half of the Timeout
// of ctx's client call (which has no deadline above its attempts) and half
// of what is left of ctx's deadline, whichever ends first; ctx itself when
// neither bounds it. CallerDeadline still tells the caller's deadline:
// ctx's, or the end of the call's Timeout when that comes first.
func BoundStorage(ctx context.Context) (context.Context, context.CancelFunc) {
	now := time.Now()
	dl, ok := ctx.Deadline()
	if call := CallFrom(ctx); call != nil && call.Settings.Timeout > 0 {
		// The call's Timeout is its attempt's deadline: the caller has
		// no longer than that, whatever ctx says.
		if t := now.Add(call.Settings.Timeout); !ok || t.Before(dl) {
			dl, ok = t, true
		}
	}
	if !ok {
		return ctx, func() {}
	}
	return boundStorage(ctx, now, dl)
}

// BoundStorageUntil returns ctx bounded for operations of a storage that
// may stall at half of what is left before dl, the deadline of an answer
// they must not delay, which ctx need not carry (a cache's writes, made
// once the answer is in): a share, as BoundStorage's, whose caller's
// deadline CallerDeadline tells, dl.
func BoundStorageUntil(ctx context.Context, dl time.Time) (context.Context, context.CancelFunc) {
	return boundStorage(ctx, time.Now(), dl)
}

func boundStorage(ctx context.Context, now, dl time.Time) (context.Context, context.CancelFunc) {
	b := storageBound{caller: dl, bound: now.Add(dl.Sub(now) / 2)}
	return context.WithDeadline(context.WithValue(ctx, storageBoundKey{}, b), b.bound)
}

// CallerDeadline returns the deadline of the caller of a storage operation
// under ctx: for a context BoundStorage bounded, that of the context it
// bounded or the end of its call's Timeout, whichever is first (the bound
// is a share that a storage which stalls may use up, which says nothing
// of how long its caller has: plugins/redisstore counts a timeout within
// it as Redis failing to answer); else, or when a deadline before the
// bound was set under it, ctx's own.
func CallerDeadline(ctx context.Context) (time.Time, bool) {
	dl, ok := ctx.Deadline()
	if b, has := ctx.Value(storageBoundKey{}).(storageBound); has && ok && !dl.Before(b.bound) {
		return b.caller, true
	}
	return dl, ok
}
