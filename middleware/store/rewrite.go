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
// a comparison and a copy of the encoding with the new time, and no
// encoding, new item, map or list insertion. The stored bytes are the same
// as Set's full path writes; the entry's expiry and recency are renewed as
// a write renews them.
func (m *Memory) rewrite(s *shard, key string, e Entry, now time.Time) bool {
	s.lock()
	it := s.items[key]
	if it == nil || it.expired(now.UnixNano()) {
		s.mu.Unlock()
		return false
	}
	data, body := it.data, it.body
	s.mu.Unlock()
	// Stored bytes are never written: compared and copied unlocked, with
	// no allocation under the lock. The body first: it is what usually
	// differs.
	if !bytes.Equal(data[body:], e.Body) {
		return false
	}
	from, to, same := sameButStoredAt(data, e)
	if !same {
		return false
	}
	patched := withStoredAt(data, from, to, e.StoredAt)
	if len(patched) != len(data) {
		return false // a time of another magnitude: the full path accounts for it
	}
	var exp int64
	if m.ttl > 0 {
		exp = now.Add(m.ttl).UnixNano()
	}
	s.lock()
	defer s.mu.Unlock()
	if s.items[key] != it || unsafe.SliceData(it.data) != unsafe.SliceData(data) {
		return false // replaced meanwhile: the full path decides
	}
	it.data, it.view, it.used = patched, nil, now.UnixNano()
	s.lru.MoveToFront(it)
	s.expiry.Remove(it)
	if it.exp = exp; exp != 0 {
		s.expire(it)
	}
	return true
}

// sameButStoredAt reports whether data, an entry MarshalBinary encoded,
// holds e but for StoredAt, and where StoredAt's varint lies in it.
func sameButStoredAt(data []byte, e Entry) (from, to int, same bool) {
	d := decoder{b: data}
	if d.byte() != entryVersion || d.uvarint() != uint64(e.StatusCode) {
		return 0, 0, false
	}
	from = len(data) - len(d.b)
	d.varint()
	to = len(data) - len(d.b)
	if string(d.bytes()) != e.URL {
		return 0, 0, false
	}
	// The stored keys are distinct, as e's are: as many, each found with
	// the same values, is the same header.
	n := d.count()
	if d.err != nil || n != len(e.Header) {
		return 0, 0, false
	}
	for i := 0; i < n; i++ {
		vs, found := e.Header[string(d.bytes())]
		if !found || d.count() != len(vs) {
			return 0, 0, false
		}
		for _, v := range vs {
			if string(d.bytes()) != v {
				return 0, 0, false
			}
		}
	}
	if !bytes.Equal(d.bytes(), e.Body) || d.err != nil || len(d.b) != 0 {
		return 0, 0, false
	}
	return from, to, true
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
