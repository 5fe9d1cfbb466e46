package store

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// snapshotMagic starts a snapshot; a file without it is foreign.
const snapshotMagic = "TAROSTORE\x01"

// minRecord is the fewest bytes a snapshot record takes: the key's length,
// the expiry and the entry's length, a byte each, and the shortest entry
// (a version, a status, a time, a URL's length, a header count and a
// body's length, a byte each).
const minRecord = 3 + 6

// Save writes every unexpired entry to w, least recently used first, then a
// CRC-32 of all that precedes it, so Load can tell a complete snapshot from a
// truncated or altered one. It locks one shard at a time: a write to the
// store during Save may be in the snapshot or not.
func (m *Memory) Save(w io.Writer) error {
	if m.unmade() {
		return errUnmade
	}
	type rec struct {
		key       string
		exp       int64
		used      int64
		data      []byte
		stamp     int64 // the item's StoredAt after a rewrite, when restamped
		restamped bool
	}
	var recs []rec
	now := m.now()
	for i := range m.shards {
		s := &m.shards[i]
		s.lock()
		used := int64(math.MinInt64)
		for it := s.lru.Back(); it != nil; it = s.lru.prev(it) {
			// A shard's order is its list's: ticks taken before locking
			// may be out of it by a few.
			used = max(used, it.used)
			if !it.expired(now) {
				recs = append(recs, rec{it.key, it.exp, used, it.data, it.storedAt, it.restamped}) // data is never modified in place
			}
		}
		s.mu.Unlock()
	}
	for i := range recs {
		if recs[i].restamped {
			recs[i].data = withStamp(recs[i].data, recs[i].stamp) // unlocked: the copy is the snapshot's
		}
	}
	if len(m.shards) > 1 {
		// Each shard's run is in order: a stable sort merges them.
		slices.SortStableFunc(recs, func(a, b rec) int { return cmp.Compare(a.used, b.used) })
	}

	crc := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(w, crc))
	var b []byte
	b = append(b, snapshotMagic...)
	b = binary.AppendUvarint(b, uint64(len(recs)))
	if _, err := bw.Write(b); err != nil {
		return err
	}
	for _, r := range recs {
		b = appendString(b[:0], r.key)
		b = binary.AppendVarint(b, r.exp)
		b = binary.AppendUvarint(b, uint64(len(r.data)))
		if _, err := bw.Write(b); err != nil {
			return err
		}
		if _, err := bw.Write(r.data); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return binary.Write(w, binary.BigEndian, crc.Sum32())
}

// SaveFile writes a snapshot to path atomically: to a temporary file in the
// same directory, synced, then renamed over path. A crash leaves either the
// old snapshot or the new one, never half of one.
func (m *Memory) SaveFile(path string) (err error) {
	if m.unmade() {
		return errUnmade // before a temporary file is made
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = m.Save(tmp); err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	return nil
}

// Load reads a snapshot written by Save and adds its entries, all or none:
// a truncated, altered or foreign snapshot gives an error matching
// ErrBadSnapshot and leaves the store as it was. Entries already expired are
// skipped (by the WithMemoryClock clock); bounds apply as for Set, and so
// does WithTTL: no entry stays longer than the TTL from the load. A valid snapshot goes in one shard at a
// time, so readers meanwhile may see part of it.
func (m *Memory) Load(r io.Reader) error {
	if m.unmade() {
		return errUnmade
	}
	limit := snapshotLimit(m.maxBytes)
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	bad := func(why string) error { return fmt.Errorf("%w: %s", ErrBadSnapshot, why) }
	if int64(len(data)) > limit {
		return bad("larger than this store's bound")
	}
	if len(data) < len(snapshotMagic)+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return bad("not a taroreq store snapshot")
	}
	body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return bad("checksum mismatch (truncated or altered)")
	}
	d := decoder{b: body[len(snapshotMagic):]}
	n := d.count()
	if n > len(d.b)/minRecord {
		// The records are allocated for up front: a forged count would
		// cost 56 bytes of memory for every byte of the file.
		return bad("more entries than bytes for them")
	}
	type rec struct {
		key  string
		exp  int64
		data []byte
		body int // where the body starts in data
	}
	recs := make([]rec, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.string()
		exp := d.varint()
		v := d.bytes()
		var body int
		if d.err == nil {
			b, err := encodedBody(v) // checks the whole entry, as a decode would
			if err != nil {
				return bad(fmt.Sprintf("entry %q: %v", k, err))
			}
			body = len(v) - len(b)
		}
		recs = append(recs, rec{k, exp, v, body})
	}
	if d.err != nil {
		return bad(d.err.Error())
	}
	if len(d.b) != 0 {
		return bad("trailing bytes")
	}
	// Entries go in shard by shard, each in the snapshot's order, with
	// stamps in that order too for a later Save.
	now := time.Now().UnixNano()
	if m.clock != nil {
		now = m.clock().UnixNano() // the clock entries expire by
	}
	first := m.ticks.Add(int64(len(recs))) - int64(len(recs)) // one tick per entry, in the snapshot's order
	parts := make([][]int, len(m.shards))
	for i, r := range recs {
		if m.ttl > 0 {
			// This store's TTL bounds what it loads as what it is set:
			// an entry of a snapshot made without it (or with a longer
			// one, or by another program) expires by it, from now.
			if limit := m.expiry(now); r.exp == 0 || r.exp > limit {
				recs[i].exp, r.exp = limit, limit
			}
		}
		if r.exp == 0 || r.exp > now {
			s := m.index(r.key)
			parts[s] = append(parts[s], i)
		}
	}
	for si, part := range parts {
		if len(part) == 0 {
			continue
		}
		s := &m.shards[si]
		items := make([]*memItem, len(part))
		for j, i := range part {
			r := recs[i]
			items[j] = &memItem{key: r.key, data: append([]byte(nil), r.data...), body: r.body, exp: r.exp, used: first + int64(i) + 1}
			if r.exp != 0 {
				m.timed.Store(true) // before the entry is visible
			}
		}
		var timed []*memItem
		s.lock()
		for _, it := range items {
			if s.put(m, it, now) && it.exp != 0 {
				timed = append(timed, it)
			}
		}
		s.expireAll(timed)
		s.mu.Unlock()
		m.rebalance(s, now)
	}
	return nil
}

// snapshotLimit is the largest snapshot a store bounded to maxBytes loads:
// its entries plus as much again for keys and framing, plus 1 MiB. It
// saturates below math.MaxInt64 (the caller reads limit+1 bytes), so that
// a huge bound such as WithMaxBytes(math.MaxInt64) means no limit rather
// than a negative one that refuses every snapshot.
func snapshotLimit(maxBytes int64) int64 {
	const framing = 1 << 20
	const most = math.MaxInt64 - 1
	maxBytes = max(maxBytes, 0)
	if maxBytes > (most-framing)/2 {
		return most
	}
	return maxBytes*2 + framing
}

// LoadFile loads the snapshot at path (see Load). A missing file is a fresh
// start, not an error.
func (m *Memory) LoadFile(path string) error {
	if m.unmade() {
		return errUnmade // whether the file exists or not: nothing can be loaded into it
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	defer f.Close()
	if err := m.Load(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
