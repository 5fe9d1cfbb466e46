package httpcache

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// Keys. A URL's entries hang off one index entry, so that one Delete
// invalidates all of them (RFC 9111 §4.4) in any store.Store:
//
//	"httpcache GET " + url            → index: the Vary field names, a generation
//	index key + "\x00" + gen + variant → the response
//
// The variant hashes what makes two requests for one URL see different
// responses: the request headers the response's Vary names, and the
// credentials (Authorization, Cookie, Proxy-Authorization, the fetch
// credentials mode), so two users of one client never share an entry. A new
// index after an invalidation has a new generation, so the entries under the
// old one are never found again (the store's LRU drops them).
const keyPrefix = "httpcache GET "

// Reserved header names in stored entries; stripped before a response is
// served.
const (
	hdrVary    = "Taroreq-Cache-Vary"     // index: the Vary field names, canonical, comma-joined
	hdrGen     = "Taroreq-Cache-Gen"      // index: the generation
	hdrReqTime = "Taroreq-Cache-Req-Time" // response: when the request was sent, Unix ns
)

func indexKey(u string) string { return keyPrefix + u }

// credentialHeaders are always part of the variant.
var credentialHeaders = []string{"Authorization", "Cookie", "Proxy-Authorization"}

// varyNames returns the canonical field names a response's Vary lists,
// sorted and deduplicated, and whether it lists "*" (never matches).
func varyNames(h http.Header) (names []string, star bool) {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			if f == "*" {
				return nil, true
			}
			names = append(names, http.CanonicalHeaderKey(f))
		}
	}
	sort.Strings(names)
	return compact(names), false
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// variantKey returns the key of the response to req under the index with
// generation gen and Vary field names names.
func variantKey(index, gen string, names []string, req *http.Request) string {
	h := sha256.New()
	write := func(name string) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		for _, v := range req.Header.Values(name) {
			// RFC 9111 §4.1: whitespace around values is insignificant.
			h.Write([]byte(strings.TrimSpace(v)))
			h.Write([]byte{1})
		}
		h.Write([]byte{0})
	}
	for _, n := range credentialHeaders {
		write(n)
	}
	if call := middleware.CallFrom(req.Context()); call != nil {
		h.Write([]byte("credentials=" + call.Settings.Credentials + "\x00"))
	}
	for _, n := range names {
		write(n)
	}
	var sum [sha256.Size]byte
	digest := h.Sum(sum[:0])[:18]
	b := make([]byte, 0, len(index)+len(gen)+2+base64.RawURLEncoding.EncodedLen(len(digest)))
	b = append(append(append(append(b, index...), 0), gen...), 0)
	return string(base64.RawURLEncoding.AppendEncode(b, digest))
}

func newGen(n int64) string { return strconv.FormatInt(n, 36) }
