package client

import (
	"hash/maphash"
	"net/url"
	"sync/atomic"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/slots"
	"github.com/taroreq/taroreq/middleware/store"
)

// keyMemo remembers the store keys of bodiless requests seen at least
// twice: a store is for requests made again and again, and a key costs a
// SHA-256 and an allocation. A request is remembered the second time its
// slot sees it (the first time only a fingerprint is kept), so requests
// made once — unique URLs — never pay for an entry. The key is a function
// of method, URL and partition, all compared before an entry is used. Safe
// for concurrent use.
type keyMemo struct {
	slots.Table[keyEntry]
	seen [slots.Count]atomic.Uint64 // the fingerprint last seen in each slot
}

// keyEntry is a remembered key, and the redacted text of its URL
// (credential.URLText), which the store writes with every entry.
type keyEntry struct{ method, url, partition, key, redacted string }

func newKeyMemo() *keyMemo {
	m := new(keyMemo)
	m.Init()
	return m
}

// key is store.Key(method, url, nil, partition), with redacted, the text of
// u (whose text is url) as credential.URLText redacts it, when remembered
// ("" when not: it is made where it is needed).
func (m *keyMemo) key(method string, u *url.URL, url, partition string) (key, redacted string) {
	fp := m.Hash(url) ^ m.Hash(partition)*0x9e3779b97f4a7c15 ^ uint64(len(method))
	slot := m.Slot(fp)
	if e := slot.Load(); e != nil && e.url == url && e.partition == partition && e.method == method {
		return e.key, e.redacted
	}
	k := store.Key(method, url, nil, partition)
	if m.seen[fp%slots.Count].Swap(fp) == fp {
		redacted = credential.URLText(u, url)
		slot.Store(&keyEntry{method: method, url: url, partition: partition, key: k, redacted: redacted})
	}
	return k, redacted
}

// find returns the remembered entry of method, the URL whose text is url
// and partition, or nil: key's without making the URL's text, which a
// caller builds in a buffer of its own (an entry's url is that text, to be
// shared). The bytes are only read.
func (m *keyMemo) find(method string, url []byte, partition string) *keyEntry {
	fp := maphash.Bytes(m.Seed, url) ^ m.Hash(partition)*0x9e3779b97f4a7c15 ^ uint64(len(method))
	if e := m.Slot(fp).Load(); e != nil && e.url == string(url) && e.partition == partition && e.method == method {
		return e
	}
	return nil
}
