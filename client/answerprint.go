package client

import (
	"hash/maphash"
	"net/http"
	"unsafe"
)

// printSeed seeds answerPrint; set once, read only.
var printSeed = maphash.MakeSeed()

// printKept is how many of a header's strings (names and values) an
// answerPrint sums by address; a header with more is hashed by content.
const printKept = 40

// answerPrint is a print of an answer's header and body, taken before and
// after a caller's check to tell whether the check wrote in them: the
// header's fields in any order (a map's), each field's values in order,
// and the body's bytes. It does not allocate.
//
// A string never changes, so the header's strings are told by address and
// length, not hashed (the hashing was half of a stored call's checks): a
// check that writes in the header puts another string there, or takes
// one away. kept, when not nil, holds those strings until the caller
// compares the print taken after the check (runtime.KeepAlive): an
// address the collector freed could be reused for another text of the same
// length. An equal text written anew counts as a change: the answer is
// then not kept, as when the check edits it. The body, whose bytes can be
// written in place, is hashed.
func answerPrint(h http.Header, body []byte, kept *[printKept]string) uint64 {
	fields, n := uint64(len(h)), 0
	for name, vs := range h {
		if n += 1 + len(vs); n > printKept {
			return contentPrint(h, body)
		}
		f := stringPrint(name)
		for _, v := range vs {
			f = f*0x100000001b3 ^ stringPrint(v)
		}
		if kept != nil {
			kept[n-1-len(vs)] = name
			copy(kept[n-len(vs):n], vs)
		}
		// A sum, as the fields come in the map's order; each mixed so that
		// two fields swapping values do not cancel out.
		fields += (f ^ uint64(len(vs))) * 0x9e3779b97f4a7c15
	}
	return (maphash.Bytes(printSeed, body) ^ fields*0xff51afd7ed558ccd) << 1
}

// stringPrint mixes s's address and length.
func stringPrint(s string) uint64 {
	x := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))*0xbf58476d1ce4e5b9 ^ uint64(len(s))
	return x ^ x>>31
}

// contentPrint is answerPrint of a header with more strings than
// printKept, by their bytes; its odd low bit keeps it apart from an
// address print.
func contentPrint(h http.Header, body []byte) uint64 {
	fields := uint64(len(h))
	for name, vs := range h {
		f := maphash.String(printSeed, name)
		for _, v := range vs {
			f = f*0x100000001b3 ^ maphash.String(printSeed, v)
		}
		fields += (f ^ uint64(len(vs))) * 0x9e3779b97f4a7c15
	}
	return (maphash.Bytes(printSeed, body)^fields*0xff51afd7ed558ccd)<<1 | 1
}
