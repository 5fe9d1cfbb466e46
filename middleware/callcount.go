package middleware

// How a Call counts attempts (what reached an origin) and spends its retry
// budget, under the Call's lock; a nil Call counts nothing and has no retry.

// AddAttempt counts one attempt sent to the network (or to the layer below
// the retry layer).
func (c *Call) AddAttempt() {
	if c == nil {
		return
	}
	c.mu.Lock()
	if c.passed {
		c.passed = false // counted above as it came in (PassOn)
	} else {
		c.attempts++
	}
	c.pending = true
	c.mu.Unlock()
}

// AddSent counts a request that reached the bottom of the stack (or that
// an open circuit breaker refused in its place), unless it
// is the one the last AddAttempt counted: in a stack without a retry layer
// each backup and redirect hop is then an attempt too, and a call that
// failed made one; a layer below the retry layer that sends a request
// again (an auth layer's resend with a fresh token) made one more.
func (c *Call) AddSent() {
	if c == nil {
		return
	}
	c.mu.Lock()
	switch {
	case c.pending:
		c.pending = false
	case c.passed:
		c.passed = false
	default:
		c.attempts++
	}
	c.mu.Unlock()
}

// PassOn says the request just counted by AddSent goes on into another
// client's stack (a client's Transport), whose retry layer and bottom layer
// count it again: the next AddAttempt, or the next AddSent when none comes
// first, does not count.
func (c *Call) PassOn() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.passed = true
	c.mu.Unlock()
}

// PassedBack says the request PassOn passed on came back out of the other
// client's stack. When neither that stack's bottom layer nor its circuit
// breaker counted it (its HTTP cache or store answered, or it failed before
// it was sent), it reached no origin: it no longer counts, as a client's own
// cache hit does not.
func (c *Call) PassedBack() {
	if c == nil {
		return
	}
	c.mu.Lock()
	if (c.passed || c.pending) && c.attempts > 0 {
		c.attempts--
	}
	c.passed, c.pending = false, false
	c.mu.Unlock()
}

// Attempts is the number of attempts counted so far.
func (c *Call) Attempts() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return int(c.attempts)
}

// TakeRetry spends one retry of the request's budget and reports whether
// there was one to spend.
func (c *Call) TakeRetry() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if int(c.retriesUsed) >= c.Settings.RetryTimes {
		return false
	}
	c.retriesUsed++
	return true
}

// RetryLeft reports whether TakeRetry would find a retry left, without
// taking it: a layer that may yet refuse to retry (a Retry-After past its
// bound, a deadline too near) takes one only once it retries.
func (c *Call) RetryLeft() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return int(c.retriesUsed) < c.Settings.RetryTimes
}

// ResetRetries gives the next URL a fresh budget when Settings.RetryPerURL
// asks for it.
func (c *Call) ResetRetries() {
	if c == nil || !c.Settings.RetryPerURL {
		return
	}
	c.mu.Lock()
	c.retriesUsed = 0
	c.mu.Unlock()
}
