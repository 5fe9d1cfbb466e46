package middleware

// The Call's flags: what answered the call and what was done to the answer,
// each set once by a layer and read by the others.

// SetTainted records that the call left the client's origin on the way
// (a no-cors request redirected to another origin): as in fetch, whatever
// answers it is opaque to the caller.
func (c *Call) SetTainted() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.hopsLocked().tainted = true
	c.mu.Unlock()
}

// Tainted reports whether SetTainted was called.
func (c *Call) Tainted() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hops != nil && c.hops.tainted
}

// SetSentOtherCredentials records that a request of the call went out
// with other credential headers than the layers above a client's inner
// layers (WithInnerLayers) saw: one of those set them, below the store
// and the HTTP cache, whose keys' credential partitions do not count them
// (they are made before the request is sent). An answer of the call is
// then neither written by them, where another user's request would find
// it, nor handed to the other callers of a shared exchange.
func (c *Call) SetSentOtherCredentials() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.hopsLocked().otherCreds = true
	c.mu.Unlock()
}

// SentOtherCredentials reports whether SetSentOtherCredentials was called.
func (c *Call) SentOtherCredentials() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hops != nil && c.hops.otherCreds
}

// SetFromStore records that the response came from the store.
func (c *Call) SetFromStore() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.fromStore = true
	c.mu.Unlock()
}

// FromStore reports whether SetFromStore was called.
func (c *Call) FromStore() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fromStore
}

// SetChecked records that a response passed Settings.AttemptCheck, so its
// body is the checked one.
func (c *Call) SetChecked() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.checked = true
	c.mu.Unlock()
}

// Checked reports whether SetChecked was called.
func (c *Call) Checked() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.checked
}

// SetAnswerNotKept records that the answer the call accepted is not one a
// store keeps for the key's next callers: a check of the caller's
// (DataCheck) changed its header or body (it is the caller's now, not the
// origin's), or a typed call's body is no T (the call fails with ErrDecode;
// kept, it would replace a good entry, and the stale fallback would fail
// with it).
func (c *Call) SetAnswerNotKept() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.notKept = true
	c.mu.Unlock()
}

// AnswerNotKept reports whether SetAnswerNotKept was called.
func (c *Call) AnswerNotKept() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.notKept
}

// Withheld reports whether the call's answer is none a store writes:
// FromStore, FromCache, Tainted, AnswerNotKept or SentOtherCredentials,
// read under one lock (the store asks after every answer).
func (c *Call) Withheld() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fromStore || c.fromCache || c.notKept || c.hops != nil && (c.hops.tainted || c.hops.otherCreds)
}

// SetFromCache records that the response came from the HTTP cache.
func (c *Call) SetFromCache() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.fromCache = true
	c.mu.Unlock()
}

// ClearFromCache forgets SetFromCache: the backup layer moves on to another
// URL, and what answered the last one (an HTTP cache's entry that
// DataCheck rejected) does not describe the answer to come.
func (c *Call) ClearFromCache() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.fromCache = false
	c.mu.Unlock()
}

// FromCache reports whether SetFromCache was called.
func (c *Call) FromCache() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fromCache
}

// SetPendingStore holds write, the store layer's write of the call's
// answer, until the client has decoded it (Settings.StoreOnceDecoded): a
// later one replaces it.
func (c *Call) SetPendingStore(write func()) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.hopsLocked().store = write
	c.mu.Unlock()
}

// StorePending runs the write SetPendingStore holds, if any, once: the
// client decoded the answer.
func (c *Call) StorePending() {
	if c == nil {
		return
	}
	c.mu.Lock()
	var write func()
	if c.hops != nil {
		write, c.hops.store = c.hops.store, nil
	}
	c.mu.Unlock()
	if write != nil {
		write()
	}
}

// SetFailsOver records, before each URL's attempt, whether the backup layer
// counts that URL failed, whatever DataCheck says, when its answer is a
// failed status (retry.Failed's: a 429, a 5xx but 501): a backup is tried
// next, or the call fails with every URL's error (or the fallback answers).
// The datacheck layer then leaves such an answer unchecked: DataCheck
// judges answers, not a URL the retry rule already failed (the spec's
// Backup: "budget spent, or DataCheck returned false").
func (c *Call) SetFailsOver(v bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.failsOver = v
	c.mu.Unlock()
}

// FailsOver reports what SetFailsOver last recorded.
func (c *Call) FailsOver() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failsOver
}
