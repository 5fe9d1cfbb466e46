package retry

import "sync"

// Budget throttles retries across all the requests of a client, in the way
// of gRPC's retry throttling: every failed attempt takes a token, every
// success gives back Ratio of one, and retries are allowed only while more
// than half of Max tokens remain. A dependency that fails for everyone is
// then sent about one attempt per request, not RetryTimes+1.
//
// A Budget is safe for concurrent use; share one among the requests it
// should protect. Its zero value is NewBudget(0, 0)'s: full, with gRPC's
// defaults.
type Budget struct {
	mu     sync.Mutex
	tokens float64
	max    float64
	ratio  float64
}

// NewBudget returns a full budget. A max or ratio of zero or less is gRPC's
// default, max 10, ratio 0.1.
func NewBudget(max, ratio float64) *Budget {
	b := &Budget{tokens: max, max: max, ratio: ratio}
	b.fill()
	return b
}

// fill gives a Budget made without NewBudget (the zero value) NewBudget's
// defaults, so that it does not refuse every retry (no token is more than
// half of no token). b.mu is held, or b not yet shared.
func (b *Budget) fill() {
	if b.max <= 0 {
		b.tokens, b.max = 10, 10
	}
	if b.ratio <= 0 {
		b.ratio = 0.1
	}
}

// Tokens reports the tokens left (0 for a nil Budget, which throttles
// nothing).
func (b *Budget) Tokens() float64 {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fill()
	return b.tokens
}

func (b *Budget) failure() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.fill()
	b.tokens = max(0, b.tokens-1)
	b.mu.Unlock()
}

func (b *Budget) success() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.fill()
	b.tokens = min(b.max, b.tokens+b.ratio)
	b.mu.Unlock()
}

func (b *Budget) allow() bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fill()
	return b.tokens > b.max/2
}
