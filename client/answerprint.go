package client

import (
	"hash/maphash"
	"net/http"
)

// printSeed seeds answerPrint; set once, read only.
var printSeed = maphash.MakeSeed()

// answerPrint is a hash of an answer's header and body, taken before and
// after a caller's check to tell whether the check wrote in them: the
// header's fields in any order (a map's), each field's values in order,
// and the body's bytes. It does not allocate.
func answerPrint(h http.Header, body []byte) uint64 {
	fields := uint64(len(h))
	for name, vs := range h {
		f := maphash.String(printSeed, name)
		for _, v := range vs {
			f = f*0x100000001b3 ^ maphash.String(printSeed, v)
		}
		// A sum, as the fields come in the map's order; each mixed so that
		// two fields swapping values do not cancel out.
		fields += (f ^ uint64(len(vs))) * 0x9e3779b97f4a7c15
	}
	return maphash.Bytes(printSeed, body) ^ fields*0xff51afd7ed558ccd
}
