package credential

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
)

// Partitioner computes credential partitions: a keyed hash of a request's
// credential headers and of the cookies a jar attaches to it. Stores and
// caches put the partition in their keys, so one user's data never answers
// another's request, and the raw credential never reaches a key. Requests
// without credentials share one partition (see None). A Partitioner is
// read-only once made and safe for concurrent use.
type Partitioner struct {
	// ipad and opad are the HMAC key blocks (RFC 2104), made once, so that a
	// partition is two SHA-256 sums over stack buffers and no allocation
	// but the result's.
	ipad, opad [sha256.BlockSize]byte
	none       string // see None
}

// None is the partition of a request without credentials: "" under a
// random key, shared with every other Partitioner (entries of requests
// without credentials answer any client, and a snapshot's answer them
// after a restart); under a key given, a keyed hash of its own, so that
// clients given different keys (users told apart by their connection
// alone: a TLS client certificate each) share none of their entries in
// one store, and those given one key (replicas) share them all. It starts
// with a '~', which no other partition does (NoCredentials).
func (p *Partitioner) None() string { return p.none }

// NoCredentials reports whether part is the partition of a request without
// credentials, under any Partitioner's key (see None).
func NoCredentials(part string) bool { return part == "" || part[0] == '~' }

// NewPartitioner returns a Partitioner keyed with key. An empty key means 32
// random bytes: partitions are then private to this Partitioner, so
// replicas (or a restart) that must share partitioned entries need one key
// they all use.
func NewPartitioner(key []byte) *Partitioner {
	given := len(key) > 0 && !bytes.HasPrefix(key, randomKeyMark)
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key) // crypto/rand.Read never fails (Go 1.24+)
	}
	// HMAC pads a short key with zeros and hashes a long one: "k" and
	// "k\x00", or a key and its SHA-256, would be one key. The key is
	// hashed first, after a label, so that two keys given are two keys.
	sum := sha256.Sum256(append([]byte("taroreq partition key\x00"), key...))
	key = sum[:]
	p := &Partitioner{}
	copy(p.ipad[:], key)
	copy(p.opad[:], key)
	for i := range p.ipad {
		p.ipad[i] ^= 0x36
		p.opad[i] ^= 0x5c
	}
	if given {
		sum := p.mac([]byte("\x00no credentials"))
		p.none = "~" + base64.RawURLEncoding.EncodeToString(sum[:18])
	}
	return p
}

// randomKeyMark begins a key of RandomKey: a text, then random bytes drawn
// once per process. A fixed mark alone was one a key given could begin with
// (a user's bytes, read from a file), which was then taken for the default:
// two users given two such keys shared the partition "".
var randomKeyMark = func() []byte {
	mark := append([]byte("\x00taroreq random partition key\x00"), make([]byte, 32)...)
	_, _ = rand.Read(mark[len(mark)-32:]) // crypto/rand.Read never fails (Go 1.24+)
	return mark
}()

// OwnKey returns a random key that NewPartitioner takes as one given (its
// None is not "", unlike RandomKey's): a client or an HTTP cache layer whose
// transport tells its user by the connection (CertifiesUser) shares no
// entry of requests without credentials with others, as one given a key of
// its own does not. Replicas of one user's that should share them give one
// key.
func OwnKey() []byte {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never fails (Go 1.24+)
	return key
}

// RandomKey returns a random key that NewPartitioner takes for the default
// one (its None is ""), for layers that must share one random key (a
// client's store layer and its fallback, its HTTP cache): handed the
// random bytes alone, they took them for a key given, and a plain
// http.Client's request without credentials over the client's Transport
// got a partition of that key's own, where the client's calls, other
// clients and a restart have "".
func RandomKey() []byte {
	key := make([]byte, len(randomKeyMark)+32)
	copy(key, randomKeyMark)
	_, _ = rand.Read(key[len(randomKeyMark):]) // crypto/rand.Read never fails (Go 1.24+)
	return key
}

// mac is HMAC-SHA256(key, msg).
func (p *Partitioner) mac(msg []byte) [sha256.Size]byte {
	var buf [1024]byte
	in := append(append(buf[:0], p.ipad[:]...), msg...)
	inner := sha256.Sum256(in)
	out := append(append(buf[:0], p.opad[:]...), inner[:]...)
	return sha256.Sum256(out)
}

// Of returns the partition of a request with header h to which a jar adds
// cookies; extra names headers the user added to the credential set. It
// does not allocate for a request without credentials.
func (p *Partitioner) Of(h http.Header, cookies []*http.Cookie, extra []string) string {
	var names []string
	for name := range h {
		if IsHeader(name, extra) {
			names = append(names, name)
		}
	}
	if len(names) == 0 && len(cookies) == 0 {
		return p.none
	}
	slices.Sort(names) // map order is random; the partition must not be
	var buf [512]byte
	b := buf[:0]
	for _, name := range names {
		b = appendField(b, http.CanonicalHeaderKey(name))
		for _, v := range h[name] {
			b = appendField(b, v)
		}
		b = append(b, 0)
	}
	if len(cookies) > 0 {
		b = appendField(b, "\x00jar")
		for _, c := range cookies {
			b = appendField(b, c.Name)
			b = appendField(b, c.Value)
		}
	}
	sum := p.mac(b)
	return base64.RawURLEncoding.EncodeToString(sum[:18])
}

// appendField appends s length-prefixed, so that no two field lists hash
// alike.
func appendField(b []byte, s string) []byte {
	l := len(s)
	return append(append(b, byte(l>>24), byte(l>>16), byte(l>>8), byte(l)), s...)
}

// WithUserinfo returns h as a request to u goes out with it: with the
// Basic Authorization that http.Client (and a taroreq client) makes of u's
// userinfo when h has no Authorization of its own, in a copy of h; h
// itself otherwise. A partition made from it counts the userinfo, a
// credential, as it counts the header; a key then needs no unkeyed hash of
// the password to tell its users apart.
func WithUserinfo(h http.Header, u *url.URL) http.Header {
	if u == nil || u.User == nil || h.Get("Authorization") != "" {
		return h
	}
	h = h.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Authorization", BasicAuthorization(u.User))
	return h
}

// BasicAuthorization is the Authorization value net/http sends for
// userinfo u.
func BasicAuthorization(u *url.Userinfo) string {
	password, _ := u.Password()
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+password))
}
