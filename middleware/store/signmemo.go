package store

// signMemo is a sign check's answer for the body of an item: whether its
// field checkKey is sign (signMatches).
type signMemo struct {
	checkKey, sign string
	match          bool
}

// viewSign is ViewBody with signMatches(body, checkKey, sign), the answer
// kept with the entry: a sign check of a body it has checked already for
// the same key and sign (every call of a client that asks for a version
// the stored data does not carry, or does) costs a lookup, not a scan of
// the JSON. The scan runs outside the shard's lock (a body may be large);
// an item's body never changes, so neither does the answer. Only the last
// check is kept: callers asking other signs of one entry in turn scan as
// before, and allocate the answer they keep.
//
// seen, when not nil, is set to the item found, for a write after the
// network (setSeen).
func (m *Memory) viewSign(key, checkKey, sign string, seen *memSeen) (body []byte, match, found bool, err error) {
	if m.unmade() {
		return nil, false, false, errUnmade
	}
	s, it := m.hitLocked(key)
	if it == nil {
		s.mu.Unlock()
		return nil, false, false, nil
	}
	body, memo := it.bodyView(), it.sign
	s.mu.Unlock()
	if seen != nil {
		*seen = memSeen{m: m, s: s, it: it}
	}
	if memo != nil && memo.checkKey == checkKey && memo.sign == sign {
		return body, memo.match, true, nil
	}
	memo = &signMemo{checkKey: checkKey, sign: sign, match: signMatches(body, checkKey, sign)}
	s.mu.Lock()
	it.sign = memo // an item dropped since keeps it to no one's harm
	s.mu.Unlock()
	return body, memo.match, true, nil
}

// memSeen is an item a Memory found under a key, in its shard s.
type memSeen struct {
	m  *Memory
	s  *shard
	it *memItem
}

// setSeen is Set, told by seen (what viewSign found under key before, or
// nothing) where key's item was: while m's shard still holds that item,
// neither key's shard nor its item is looked up again.
func (m *Memory) setSeen(key string, e Entry, seen memSeen, headerPrint uint64) error {
	if m.unmade() {
		return errUnmade
	}
	if seen.m != m || seen.it == nil || seen.it.key != key {
		return m.set(m.shard(key), key, e, nil, headerPrint)
	}
	return m.set(seen.s, key, e, seen.it, headerPrint)
}
