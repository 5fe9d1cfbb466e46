package retry

import "sync"

// Budget throttles retries across all the requests of a client, in the way
// of gRPC's retry throttling: every failed attempt takes a token, every
// success gives back Ratio of one, and retries are allowed only while more
// than half of Max tokens remain. A dependency that fails for everyone is
// then sent about one attempt per request, not RetryTimes+1.
//
// A Budget is safe for concurrent use; share one among the requests it
// should protect.
type Budget struct {
	mu     sync.Mutex
	tokens float64
	max    float64
	ratio  float64
}

// NewBudget returns a full budget. gRPC's defaults are max 10, ratio 0.1.
func NewBudget(max, ratio float64) *Budget {
	if max <= 0 {
		max = 10
	}
	if ratio <= 0 {
		ratio = 0.1
	}
	return &Budget{tokens: max, max: max, ratio: ratio}
}

// Tokens reports the tokens left.
func (b *Budget) Tokens() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens
}

func (b *Budget) failure() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.tokens = max(0, b.tokens-1)
	b.mu.Unlock()
}

func (b *Budget) success() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.tokens = min(b.max, b.tokens+b.ratio)
	b.mu.Unlock()
}

func (b *Budget) allow() bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens > b.max/2
}
