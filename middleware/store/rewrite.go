package store

import (
	"bytes"
	"encoding/binary"
	"time"
	"unsafe"
)

// rewrite stores e under key in place when the entry there already holds
// the same response but for StoredAt, and reports whether it did. A store
// miss that the network answers unchanged (Taro's sign check refusing data
// the server sends again) writes that on every request: in place, it costs
// a comparison and a new stamp, with no encoding, copy, new item, map or
// list insertion. The item keeps its bytes and its decoded view, and
// StoredAt beside them (memItem.storedAt), which every reader and the
// snapshot take in place of the encoded one; the entry's expiry and
// recency are renewed as a write renews them.
//
// hint, when not nil, is an item found under key before: while the shard
// holds it (held), it is key's, and the map is not asked. headerPrint, when
// not 0, is e.Header's middleware.AnswerFields.Print: an item stored with
// a print is told by it whether its header is e's (see AnswerFields.Print
// for the chance of a false yes: the status, the URL and the body are
// still compared), without comparing the two.
func (m *Memory) rewrite(s *shard, key string, e Entry, now int64, hint *memItem, headerPrint uint64) bool {
	s.lock()
	it := hint
	if it == nil || !it.held() {
		it = s.items[key]
	}
	if it == nil || it.expired(now) {
		s.mu.Unlock()
		return false
	}
	data, body, stored := it.data, it.body, it.headerPrint
	s.mu.Unlock()
	// Stored bytes are never written: compared unlocked. The body first:
	// it is what usually differs.
	if !bytes.Equal(data[body:], e.Body) {
		return false
	}
	headerSame := headerPrint != 0 && stored == headerPrint
	if headerPrint != 0 && stored != 0 && !headerSame {
		return false // another header (prints of one header are equal)
	}
	if stampLen, same := sameButStoredAt(data, e, headerSame); !same || stampLen != varintLen(e.StoredAt.UnixNano()) {
		return false // another response, or a time of another magnitude: the full path accounts for it
	}
	exp, tick := m.expiry(now), m.tick()
	s.lock()
	defer s.mu.Unlock()
	if !it.held() || unsafe.SliceData(it.data) != unsafe.SliceData(data) {
		return false // replaced meanwhile: the full path decides
	}
	it.storedAt, it.restamped, it.used = e.StoredAt.UnixNano(), true, tick
	if headerPrint != 0 {
		it.headerPrint = headerPrint // compared whole above, or equal
	}
	s.lru.MoveToFront(it)
	s.expiry.Remove(it)
	if it.exp = exp; exp != 0 {
		s.expire(it)
	}
	return true
}

// sameButStoredAt reports whether data, an entry MarshalBinary encoded,
// holds e but for StoredAt, and the size of the StoredAt encoded; with
// headerSame (the header's prints are equal), the header is not compared,
// nor the body, which the caller compared where the item says it starts.
// It runs on every store write of an unchanged answer: read with the
// small readers below (a length under 128, the usual one, costs a
// comparison), not the decoder's calls.
func sameButStoredAt(data []byte, e Entry, headerSame bool) (stampLen int, same bool) {
	if len(data) == 0 || data[0] != entryVersion {
		return 0, false
	}
	status, b, ok := uvar(data[1:])
	if !ok || status != uint64(e.StatusCode) {
		return 0, false
	}
	if stampLen = varLen(b); stampLen == 0 {
		return 0, false
	}
	u, b, ok := field(b[stampLen:])
	if !ok || string(u) != e.URL {
		return 0, false
	}
	if headerSame {
		return stampLen, true
	}
	// The stored keys are distinct, as e's are: as many, each found with
	// the same values, is the same header.
	n, b, ok := uvar(b)
	if !ok || n != uint64(len(e.Header)) {
		return 0, false
	}
	for ; n > 0; n-- {
		var name []byte
		if name, b, ok = field(b); !ok {
			return 0, false
		}
		vs, found := e.Header[string(name)]
		var count uint64
		if count, b, ok = uvar(b); !ok || !found || count != uint64(len(vs)) {
			return 0, false
		}
		for _, v := range vs {
			var got []byte
			if got, b, ok = field(b); !ok || string(got) != v {
				return 0, false
			}
		}
	}
	body, b, ok := field(b)
	return stampLen, ok && len(b) == 0 && bytes.Equal(body, e.Body)
}

// uvar reads a uvarint from b, in one comparison when it is one byte.
func uvar(b []byte) (v uint64, rest []byte, ok bool) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), b[1:], true
	}
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, nil, false
	}
	return v, b[n:], true
}

// varLen is the size of the varint b starts with, 0 if there is none.
func varLen(b []byte) int {
	for i := 0; i < len(b) && i < binary.MaxVarintLen64; i++ {
		if b[i] < 0x80 {
			return i + 1
		}
	}
	return 0
}

// field reads a length-prefixed field of b.
func field(b []byte) (f, rest []byte, ok bool) {
	n, rest, ok := uvar(b)
	if !ok || n > uint64(len(rest)) {
		return nil, nil, false
	}
	return rest[:n:n], rest[n:], true
}

// storedAtAt returns where StoredAt's varint lies in data, an entry
// MarshalBinary encoded.
func storedAtAt(data []byte) (from, to int, ok bool) {
	d := decoder{b: data}
	d.byte()
	d.uvarint()
	from = len(data) - len(d.b)
	d.varint()
	return from, len(data) - len(d.b), d.err == nil
}

// varintLen is the size of v's varint encoding.
func varintLen(v int64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutVarint(b[:], v)
}

// withStoredAt returns a copy of data with at's varint in place of
// data[from:to].
func withStoredAt(data []byte, from, to int, at time.Time) []byte {
	var v [binary.MaxVarintLen64]byte
	n := binary.PutVarint(v[:], at.UnixNano())
	out := make([]byte, 0, len(data)-(to-from)+n)
	out = append(out, data[:from]...)
	out = append(out, v[:n]...)
	return append(out, data[to:]...)
}
