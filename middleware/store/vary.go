package store

import (
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// varyValuesRefuse reports whether an answer whose Vary values (every
// spelling's) are vary may not answer req from the store, nor be written
// for the key's next callers when req got it. The key (method, URL, data, body, Content-Type, Mode, the credential
// partition) counts no other request header, so an answer whose Vary
// names one that req carries (X-Shard: acme) is that value's, not the
// key's: written, it would answer a caller sending another value or none.
// Vary: * matches no request (RFC 9111 §4.1). Skipped, as the key counts
// them already: credential and identity headers (the partition), the
// names the partition counts besides (credentialNames) and
// Accept-Encoding; a call's Content-Type when it has a body (a request
// without one is keyed without it); and the Origin a client sets below
// this layer to its own origin on a cors call's request to another
// origin, which the key counts (planFor): clients of other origins may
// share one storage. An Origin the caller set (a
// same-origin call's Option.Header, a plain http.Client's request) goes
// as it is, and counts as any other field. names are
// p.credentialNames(req).
func (p *plan) varyValuesRefuse(vary []string, names []string, req *http.Request) bool {
	for n := range middleware.VaryNames(vary) {
		switch n {
		case "*":
			return true
		case "Accept-Encoding":
			continue
		case "Content-Type":
			if p.settings != nil && req.Body != nil && req.Body != http.NoBody {
				continue
			}
		case "Origin":
			if middleware.SentOrigin(req) != "" {
				continue
			}
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
