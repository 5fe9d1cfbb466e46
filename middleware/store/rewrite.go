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
// holds it (held), it is key's, and the map is not asked.
func (m *Memory) rewrite(s *shard, key string, e Entry, now int64, hint *memItem) bool {
	s.lock()
	it := hint
	if it == nil || !it.held() {
		it = s.items[key]
	}
	if it == nil || it.expired(now) {
		s.mu.Unlock()
		return false
	}
	data, body := it.data, it.body
	s.mu.Unlock()
	// Stored bytes are never written: compared unlocked. The body first:
	// it is what usually differs.
	if !bytes.Equal(data[body:], e.Body) {
		return false
	}
	if stampLen, same := sameButStoredAt(data, e); !same || stampLen != varintLen(e.StoredAt.UnixNano()) {
		return false // another response, or a time of another magnitude: the full path accounts for it
	}
	exp, tick := m.expiry(now), m.tick()
	s.lock()
	defer s.mu.Unlock()
	if !it.held() || unsafe.SliceData(it.data) != unsafe.SliceData(data) {
		return false // replaced meanwhile: the full path decides
	}
	it.storedAt, it.restamped, it.used = e.StoredAt.UnixNano(), true, tick
	s.lru.MoveToFront(it)
	s.expiry.Remove(it)
	if it.exp = exp; exp != 0 {
		s.expire(it)
	}
	return true
}

// sameButStoredAt reports whether data, an entry MarshalBinary encoded,
// holds e but for StoredAt, and the size of the StoredAt encoded.
func sameButStoredAt(data []byte, e Entry) (stampLen int, same bool) {
	d := decoder{b: data}
	if d.byte() != entryVersion || d.uvarint() != uint64(e.StatusCode) {
		return 0, false
	}
	from := len(d.b)
	d.varint()
	stampLen = from - len(d.b)
	if string(d.bytes()) != e.URL {
		return 0, false
	}
	// The stored keys are distinct, as e's are: as many, each found with
	// the same values, is the same header.
	n := d.count()
	if d.err != nil || n != len(e.Header) {
		return 0, false
	}
	rest, ok := sameShortHeader(d.b, n, e.Header)
	if ok {
		d.b = rest
	} else {
		for i := 0; i < n; i++ {
			vs, found := e.Header[string(d.bytes())]
			if !found || d.count() != len(vs) {
				return 0, false
			}
			for _, v := range vs {
				if string(d.bytes()) != v {
					return 0, false
				}
			}
		}
	}
	return stampLen, bytes.Equal(d.bytes(), e.Body) && d.err == nil && len(d.b) == 0
}

// sameShortHeader is the header comparison of sameButStoredAt for an
// encoding whose every length fits in one byte (names and values under 128
// bytes, the usual header), without the decoder's calls: the comparison runs
// on every store write of an unchanged answer. It returns what follows the
// header, and false when the header differs or has a longer length (the
// caller then compares it the general way, from the start).
func sameShortHeader(b []byte, n int, h map[string][]string) (rest []byte, ok bool) {
	for ; n > 0; n-- {
		name, r, ok := short(b)
		if !ok || len(r) == 0 || r[0] >= 0x80 {
			return nil, false
		}
		vs, found := h[string(name)]
		if !found || int(r[0]) != len(vs) {
			return nil, false
		}
		b = r[1:]
		for _, v := range vs {
			var got []byte
			if got, b, ok = short(b); !ok || string(got) != v {
				return nil, false
			}
		}
	}
	return b, true
}

// short reads a field of b whose length, first, fits in one byte.
func short(b []byte) (field, rest []byte, ok bool) {
	if len(b) == 0 || b[0] >= 0x80 || int(b[0]) >= len(b) {
		return nil, nil, false
	}
	n := int(b[0]) + 1
	return b[1:n:n], b[n:], true
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
