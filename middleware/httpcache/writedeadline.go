package httpcache

import (
	"context"
	"net/http"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// writeDeadlineKey holds, in the context of an exchange that identical
// requests share, the deadline of the caller that started it: the exchange
// is not bound by it (others may wait on it), the storing of its answer is.
type writeDeadlineKey struct{}

// withWriteDeadline returns ctx holding caller's deadline, if it has one,
// for forWrites.
func withWriteDeadline(ctx, caller context.Context) context.Context {
	if dl, ok := caller.Deadline(); ok {
		return context.WithValue(ctx, writeDeadlineKey{}, dl)
	}
	return ctx
}

// forWrites returns ctx bounded by half of what is left before the
// deadline of the answer (answerDeadline), for the writes that store it:
// they end by then, so that a storage that does not answer (a Redis
// paused) does not keep the answer from its caller past its deadline
// (plugins/redisstore takes a share of what is left and leaves the rest to
// the answer); an answer not stored costs a later request a fetch.
// Invalidations are not bounded so: one lost would serve what the origin
// has changed (their caller waits for them only as long: see
// invalidateAll).
func forWrites(ctx, caller context.Context, sent *http.Request) (context.Context, context.CancelFunc) {
	dl, ok := answerDeadline(caller, sent)
	if !ok {
		return ctx, func() {}
	}
	// Half of what is left: a write that takes it all would end as the
	// caller's wait does, which then races the answer and may lose it to a
	// deadline error although the origin answered. A share of dl, not the
	// caller's deadline (middleware.CallerDeadline): a store does not halve
	// it again per operation.
	return middleware.BoundStorageUntil(ctx, dl)
}

// answerDeadline returns when the answer to a request of caller's must be
// in its hands: by caller's deadline (or the one withWriteDeadline put in
// it), and by that of sent, the request the answer came to, if earlier: a
// client's attempt, whose Timeout, below this layer, bounds the reading
// of its body too, where the client's call itself has no deadline.
func answerDeadline(caller context.Context, sent *http.Request) (time.Time, bool) {
	dl, ok := caller.Deadline()
	if d, has := caller.Value(writeDeadlineKey{}).(time.Time); has && (!ok || d.Before(dl)) {
		dl, ok = d, true
	}
	if sent != nil {
		if d, has := sent.Context().Deadline(); has && (!ok || d.Before(dl)) {
			dl, ok = d, true
		}
	}
	return dl, ok
}
