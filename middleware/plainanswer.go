package middleware

import (
	"context"
	"net/http"
	"sync/atomic"
)

// PlainAnswer records, for a request that carries no Call (a plain
// http.Client's over a client's Transport), what Call.FromCache and
// Call.FromStore record for a call's: that the HTTP cache or the store
// answered it, not the network. The store layer gives such a request one
// (WithPlainAnswer), so that it does not write an answer it or the cache
// served as if the network had just given it. Its methods are safe on nil
// and for concurrent use; its zero value records nothing yet, ready to use.
type PlainAnswer struct {
	fromCache, fromStore, otherCreds atomic.Bool
	// byTransport is SetSentByTransport's.
	byTransport atomic.Pointer[http.Request]
}

type plainAnswerKey struct{}

// WithPlainAnswer returns ctx with a new PlainAnswer, and that PlainAnswer.
func WithPlainAnswer(ctx context.Context) (context.Context, *PlainAnswer) {
	pa := new(PlainAnswer)
	return context.WithValue(ctx, plainAnswerKey{}, pa), pa
}

// PlainAnswerIn returns ctx and its PlainAnswer when it has one, else
// WithPlainAnswer's: every layer that reads one (a store, an HTTP cache)
// reads the one the bottom layer marks, whichever of them is above.
func PlainAnswerIn(ctx context.Context) (context.Context, *PlainAnswer) {
	if pa := PlainAnswerFrom(ctx); pa != nil {
		return ctx, pa
	}
	return WithPlainAnswer(ctx)
}

// PlainAnswerFrom returns ctx's PlainAnswer, nil when it has none or the
// request carries a Call (which records the same itself).
func PlainAnswerFrom(ctx context.Context) *PlainAnswer {
	if CallFrom(ctx) != nil {
		return nil
	}
	pa, _ := ctx.Value(plainAnswerKey{}).(*PlainAnswer)
	return pa
}

// SetFromCache records that the HTTP cache answered.
func (p *PlainAnswer) SetFromCache() {
	if p != nil {
		p.fromCache.Store(true)
	}
}

// ClearFromCache forgets SetFromCache (see Call.ClearFromCache).
func (p *PlainAnswer) ClearFromCache() {
	if p != nil {
		p.fromCache.Store(false)
	}
}

// SetFromStore records that the store answered.
func (p *PlainAnswer) SetFromStore() {
	if p != nil {
		p.fromStore.Store(true)
	}
}

// Served reports whether the HTTP cache or the store answered.
func (p *PlainAnswer) Served() bool {
	return p != nil && (p.fromCache.Load() || p.fromStore.Load())
}

// SetSentOtherCredentials records that the request went out with other
// credential headers than the HTTP cache's lookup counted (a layer below
// it set them), as Call.SetSentOtherCredentials does for a call's: its
// answer is theirs, and a store above does not write it.
func (p *PlainAnswer) SetSentOtherCredentials() {
	if p != nil {
		p.otherCreds.Store(true)
	}
}

// SentOtherCredentials reports whether SetSentOtherCredentials was called.
func (p *PlainAnswer) SentOtherCredentials() bool {
	return p != nil && p.otherCreds.Load()
}

// SetSentByTransport records sent, the request a client's transport says
// it sent in place of the one its bottom layer handed it (its answer's
// Request, which the bottom layer resets), so that a store or an HTTP
// cache layer partitions it by its own credential names too: one given a
// name the client was not (X-Workspace) sees what the transport set there.
func (p *PlainAnswer) SetSentByTransport(sent *http.Request) {
	if p != nil {
		p.byTransport.Store(sent)
	}
}

// SentByTransport is what SetSentByTransport recorded, nil if nothing.
func (p *PlainAnswer) SentByTransport() *http.Request {
	if p == nil {
		return nil
	}
	return p.byTransport.Load()
}
