package httpcache

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// Keys. A URL's entries hang off one index entry, so that one Delete
// invalidates all of them (RFC 9111 §4.4) in any store.Store:
//
//	"httpcache GET " + label + " " + hash(url) → index: the Vary field names, a generation
//	index key + "\x00" + gen + variant        → the response
//
// Keys leave the process (a shared Redis), so they hold no secret: the
// label is the URL without userinfo and query, and the whole URL is hashed.
// The variant hashes what makes two requests for one URL see different
// responses: the request headers the response's Vary names, and the
// request's credential partition (a keyed hash of its credential headers
// and of the cookies the client's jar attaches to it, see
// middleware.Settings.Partition) with the fetch credentials mode, so two
// users never share an entry, whether their credentials are headers or jar
// cookies; and the host as sent (sentHost), so that spellings of one host
// a backend routes apart never answer one another. A new index after an
// invalidation has a new generation, so the entries under the old one are
// never found again (the store's LRU drops them).
const keyPrefix = "httpcache GET "

// Reserved header names in stored entries; stripped before a response is
// served.
const (
	hdrVary    = "Taroreq-Cache-Vary"     // index: the Vary field names, canonical, comma-joined
	hdrGen     = "Taroreq-Cache-Gen"      // index: the generation
	hdrReqTime = "Taroreq-Cache-Req-Time" // response, earlier versions: when the request was sent, Unix ns
	hdrShared  = "Taroreq-Cache-Shared"   // response: every user may be served it (shared mode)
)

func indexKey(u string) string {
	sum := sha256.Sum256(stackBytes(u))
	bare := credential.Bare(u)
	b := make([]byte, 0, len(keyPrefix)+len(bare)+1+32)
	b = append(append(append(b, keyPrefix...), bare...), ' ')
	return string(base64.RawURLEncoding.AppendEncode(b, sum[:24]))
}

// stackBytes returns s as bytes for hashing without a heap copy when it is
// short (the hash does not keep them).
func stackBytes(s string) []byte {
	var buf [256]byte
	if len(s) <= len(buf) {
		return append(buf[:0], s...)
	}
	return []byte(s)
}

// partition returns req's credential partition: the client's (jar cookies
// included) when the request comes from one, else the layer's own over the
// request's headers (in a plain http.Client, its jar's cookies are in the
// Cookie header by then), or those WithPartitionHeader says it is sent with.
func (t *Transport) partition(req *http.Request) string {
	if call := middleware.CallFrom(req.Context()); call != nil && call.Settings.Partition != nil {
		part := call.Settings.Partition(req)
		if part == "" && t.partitioner.None() != "" {
			// The partition of requests without credentials of a client
			// without a key is every such client's: a key of this layer's
			// own, given (WithPartitionKey, one per user) or drawn over a
			// transport that tells the user by the connection
			// (credential.OwnPartitioner), keeps its users apart. (A
			// client given a key has one of its own, and its replicas
			// share it.)
			return t.partitioner.None()
		}
		return part
	}
	var h http.Header
	if t.c.partHeader != nil {
		h = t.c.partHeader(req)
	} else {
		h = middleware.SentHeader(req) // what a client's Transport says
	}
	names := t.credentialNames(req)
	// The URL's userinfo counts as the Authorization it becomes: in the
	// keyed partition, not only in the variant key's hash (unkeyed where
	// the partition is empty, a password guessable from a stored key).
	return credential.PlainPartition(req.Context(), t.partitioner, credential.WithUserinfo(h, req.URL), nil, names)
}

// credentialNames is the layer's WithCredentialHeaders names, with those a
// client's Transport gives req.
func (t *Transport) credentialNames(req *http.Request) []string {
	return middleware.CredentialNamesWith(req.Context(), t.c.credHeaders)
}

// varyNames returns the canonical field names a response's Vary lists,
// sorted and deduplicated, and whether it lists "*" (never matches).
func varyNames(h http.Header) (names []string, star bool) {
	for n := range middleware.VaryFields(h) {
		if n == "*" {
			return nil, true
		}
		names = append(names, n)
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

// variantKey returns the key of the response to req, of credential
// partition part, under the index with generation gen and Vary field names
// names.
func (t *Transport) variantKey(index, gen string, names []string, req *http.Request, part string) string {
	var buf [512]byte
	b := append(append(append(buf[:0], "partition="...), part...), 0)
	b = append(append(append(b, "host="...), sentHost(req)...), 0) // see sentHost
	if u := req.URL; u != nil && u.User != nil {
		// The index is the URL's without it (see target): a RoundTripper
		// below that sends it as credentials keeps its users apart here.
		b = append(append(append(b, "userinfo="...), u.User.String()...), 0)
	}
	call := middleware.CallFrom(req.Context())
	if call != nil {
		b = append(append(append(b, "credentials="...), call.Settings.Credentials...), 0)
		if call.Settings.AttemptCheck != nil {
			// Its body is what the check returned (JSONP's unwrapped
			// payload), not what the origin sent: never served to a call
			// without that check, nor one of those to a call with it.
			b = append(b, "checked\x00"...)
		}
	}
	for _, n := range names {
		b = append(append(b, n...), 0)
		values := varyValues(req.Header, n)
		if n == "Origin" {
			// The client's bottom layer sets it below this layer, in place
			// of any: the origin sees that one.
			if o := middleware.SentOrigin(req); o != "" {
				values = []string{o}
			}
		}
		for _, v := range values {
			// RFC 9111 §4.1: whitespace around values is insignificant.
			b = append(append(b, strings.TrimSpace(v)...), 1)
		}
		if n == "Cookie" && call != nil && call.Settings.JarCookies != nil {
			// The client's jar adds its cookies below this layer: they
			// are part of the Cookie the origin sees.
			for _, ck := range call.Settings.JarCookies(call.Settings.Credentials, req.URL) {
				b = append(append(append(append(b, ck.Name...), '='), ck.Value...), 1)
			}
		}
		b = append(b, 0)
	}
	if ae := varyValues(req.Header, "Accept-Encoding"); len(ae) > 0 {
		// A request with an Accept-Encoding of its own gets the body as
		// the origin coded it (net/http's transport decodes only what it
		// asked for itself): whatever the origin's Vary says, its answer
		// never answers a request without one, which expects the bytes
		// decoded, nor the other way round.
		b = append(b, "accept-encoding="...)
		for _, v := range ae {
			b = append(append(b, strings.TrimSpace(v)...), 1)
		}
		b = append(b, 0)
	}
	if part == "" {
		if keyed := t.sharedCredentials(req, names); keyed != "" {
			b = append(append(append(b, "keyed="...), keyed...), 0)
		}
	}
	sum := sha256.Sum256(b)
	k := make([]byte, 0, len(index)+len(gen)+2+24)
	k = append(append(append(append(k, index...), 0), gen...), 0)
	return string(base64.RawURLEncoding.AppendEncode(k, sum[:18]))
}

// sharedCredentials is, for an entry filed under no partition (a shared
// cache's answer every user may be served), the keyed hash (under the
// partition key) of the credentials its variant key holds: the URL's
// userinfo and the values of the credential headers its Vary names, jar
// cookies included. Hashed bare, with no partition beside them, they could
// be checked a guess at a time by whoever reads the storage's keys (a
// shared Redis). "" when there are none.
func (t *Transport) sharedCredentials(req *http.Request, names []string) string {
	credNames := t.credentialNames(req)
	var h http.Header
	var cookies []*http.Cookie
	for _, n := range names {
		if !credential.IsHeader(n, credNames) {
			continue
		}
		if vs := varyValues(req.Header, n); len(vs) > 0 {
			if h == nil {
				h = http.Header{}
			}
			h[n] = vs
		}
		if call := middleware.CallFrom(req.Context()); n == "Cookie" && call != nil && call.Settings.JarCookies != nil {
			cookies = call.Settings.JarCookies(call.Settings.Credentials, req.URL)
		}
	}
	h = credential.WithUserinfo(h, req.URL)
	if len(h) == 0 && len(cookies) == 0 {
		return ""
	}
	return t.partitioner.Of(h, cookies, credNames)
}

// varyValues is middleware.FieldValues: every spelling of field n.
func varyValues(h http.Header, n string) []string { return middleware.FieldValues(h, n) }

func newGen(n int64) string { return strconv.FormatInt(n, 36) }

// field returns the first value of the header field with the canonical
// name k (Header.Get without canonicalizing k, for the hit path).
func field(h http.Header, k string) string {
	if vs := h[k]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
