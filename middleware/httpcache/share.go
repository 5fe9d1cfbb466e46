package httpcache

import (
	"net/http"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// Whether a caller that joined another's exchange (flights) may be handed
// its answer.

// sentOtherCredentials reports whether the exchange that gave res (or big,
// the answer one caller took whole) was sent with credential headers a layer
// below set (or to another URL), which lk, looked up for req, a request that
// joined it, does not count: as the call of the request it went out as says
// (middleware.Call.SentOtherCredentials), or for a plain request (no call),
// as its own credential partition does (sentMovedPlain).
func (t *Transport) sentOtherCredentials(req *http.Request, res *result, big *http.Response, lk lookup) bool {
	sent := (*http.Request)(nil)
	switch {
	case big != nil:
		sent = big.Request
	case res != nil:
		sent = res.sent
	}
	if sent == nil {
		return false
	}
	if call := middleware.CallFrom(sent.Context()); call != nil {
		return call.SentOtherCredentials()
	}
	// A transport below a client's layers that set them is told by the
	// PlainAnswer (its Request no longer says so); a layer below that set
	// a field the answer varies on (each tenant's X-Shard) by comparing.
	h := http.Header(nil)
	switch {
	case big != nil:
		h = big.Header
	case res != nil:
		h = res.entry.Header
	}
	return middleware.PlainAnswerFrom(sent.Context()).SentOtherCredentials() || t.sentMovedPlain(req, sent, lk) ||
		middleware.VariedBelow(h, req.Header, sent.Header)
}

// personalAnswer reports whether a response is meant for the one user who
// asked: it says private, or carries a Personal field (a Set-Cookie, a
// session token) that hands over a session its body may depend on.
func personalAnswer(h http.Header) bool {
	if responseDirectives(h).PrivatePresent {
		return true
	}
	for k := range h {
		if middleware.Personal(k) {
			return true
		}
	}
	return false
}

// ownFieldsKept returns merged, a shared entry (one every user is served)
// updated with h, the header of a 304 one user's revalidation got
// (update304), with the 304's fields that say who its user is or carry a
// credential (credential.IsHeader: X-User-Id, X-Remote-User, X-Tenant-Id,
// the names the caller added) put back as stored had them: that user's
// answer carries them (it is handed merged), the copy the next user is
// served does not. RFC 9111 §4.3.4 has a 304's fields replace the stored
// ones, and §3.2 lets a cache omit some from the update on an exceptional
// basis, limited to what the stored response's integrity needs: a shared
// cache serving one user's identity to the next is such a case (§7.3's
// sensitive information). A full answer that says public carries what
// the origin chose to give every user; a 304 is the answer to one user's
// request. merged itself is returned when h has no such field.
func ownFieldsKept(merged, stored, h http.Header, names []string) http.Header {
	var out http.Header
	for k := range h {
		if notUpdated[k] || reserved(k) || !credential.IsHeader(k, names) {
			continue
		}
		if out == nil {
			out = merged.Clone()
		}
		if vs, ok := stored[k]; ok {
			out[k] = vs
		} else {
			delete(out, k)
		}
	}
	if out == nil {
		return merged
	}
	return out
}
