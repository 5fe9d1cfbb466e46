package store

import (
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// varyRefuses reports whether an answer with header h may not answer req
// from the store, nor be written for the key's next callers when req got
// it. The key (method, URL, data, body, Content-Type, Mode, the credential
// partition) counts no other request header, so an answer whose Vary
// names one that req carries (X-Shard: acme) is that value's, not the
// key's: written, it would answer a caller sending another value or none.
// Vary: * matches no request (RFC 9111 §4.1). Skipped, as the key counts
// them already: credential and identity headers (the partition), names
// (the caller's WithCredentialHeaders), Content-Type and Accept-Encoding;
// and Origin, which the client sets below this layer to its own origin,
// the same for each of its calls.
func varyRefuses(h http.Header, req *http.Request, names []string) bool {
	for n := range middleware.VaryFields(h) {
		switch n {
		case "*":
			return true
		case "Content-Type", "Accept-Encoding", "Origin":
			continue
		}
		if credential.IsHeader(n, names) {
			continue
		}
		for _, rv := range middleware.FieldValues(req.Header, n) {
			if strings.TrimSpace(rv) != "" {
				return true
			}
		}
	}
	return false
}

// credentialNames is the names the key's partition counts beside the
// built-in ones: the call's WithCredentialHeaders (and those of a client
// whose Transport it goes through), or, for a plain request, the layer's
// and those a client's Transport gives it.
func (p *plan) credentialNames(req *http.Request) []string {
	var layer []string
	if p.settings == nil {
		layer = p.plain.credHeaders
	}
	return middleware.CredentialNamesWith(req.Context(), layer)
}
