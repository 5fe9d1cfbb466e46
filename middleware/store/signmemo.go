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
// check is kept: callers asking other signs of one entry scan as before.
func (m *Memory) viewSign(key, checkKey, sign string) (body []byte, match, found bool, err error) {
	if m.unmade() {
		return nil, false, false, errUnmade
	}
	s := m.shard(key)
	now := m.now()
	s.lock()
	it := s.hit(key, now, m.tick())
	if it == nil {
		s.mu.Unlock()
		return nil, false, false, nil
	}
	body = it.data[it.body:len(it.data):len(it.data)]
	if it.view != nil {
		body = it.view.Body
	}
	memo := it.sign
	s.mu.Unlock()
	if memo != nil && memo.checkKey == checkKey && memo.sign == sign {
		return body, memo.match, true, nil
	}
	memo = &signMemo{checkKey: checkKey, sign: sign, match: signMatches(body, checkKey, sign)}
	s.mu.Lock()
	it.sign = memo // an item dropped since keeps it to no one's harm
	s.mu.Unlock()
	return body, memo.match, true, nil
}
