package store

import (
	"net/http"
	"net/url"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// partitionMoved reports whether the credential partition of the request
// that got resp is no longer the key's, so that resp may be another user's
// data than the key's partition (often that of every caller without
// credentials) may be served:
//   - the jar took a cookie while the request was under way (a login
//     redirect, a retry after a Set-Cookie), or, for a plain http.Client's
//     request or one without credentials, the answer hands it one
//     (middleware.HandsCookie), or hands a request without credentials
//     a session (middleware.HandsSession);
//   - another URL answered (a backup), to which the jar attached its own
//     cookies, which the key's partition, made for the request's URL, does
//     not count, or which was sent without the credentials (a backup of
//     another origin): for a request without Settings (a plain
//     http.Client's), the answering request as it went out says so, and
//     so it does when a layer below set credential headers on it, or
//     sent it to another URL than a backup's (a token in its query).
//
// handsSession is middleware.HandsSessionWith(resp.Header,
// p.credentialNames(req)).
func (p *plan) partitionMoved(req *http.Request, resp *http.Response, handsSession bool) bool {
	if credential.NoCredentials(p.partition) && handsSession {
		// A new session handed to a caller without credentials (a
		// cookie, or a session header), a client's or a plain
		// http.Client's: the answer is that session's (its CSRF token,
		// its ;jsessionid= links), whether or not a jar keeps the
		// cookie, and the partition is every such caller's.
		return true
	}
	if p.settings == nil {
		if middleware.HandsCookie(resp.Header) {
			// The http.Client's jar takes the answer's cookie as it
			// returns: the answer is that session's, as a client's is
			// when its jar took one under way.
			return true
		}
		// The answering request as the layers below sent it: another
		// URL's (a backup's), or this one's with the credentials a layer
		// of yours below set (each user's token, from its context).
		at := resp.Request
		if p.plain == nil || at == nil || at.URL == nil { // at may be req itself, changed in place below: compared with what was keyed
			return false
		}
		if p.sending.OtherShape(at) {
			return true // a layer below gave it another method or a body (a user's token in it), which the key does not count
		}
		if middleware.BackupOf(at.Context()) == nil {
			if !p.sending.SameTarget(at) {
				return true // not a backup: a layer below changed the URL (a user's token put in its query) or the Host
			}
		} else if sent := middleware.BackupURL(at.Context()); sent != nil &&
			(!middleware.SameTarget(at.URL, sent) || middleware.SentHost(at) != middleware.NormalHost(sent.Host, sent.Scheme)) {
			return true // a backup whose URL a layer below the backup layer changed
		}
		if s := middleware.PlainAnswerFrom(req.Context()).SentByTransport(); s != nil && p.plain.plainPartition(s) != p.partition {
			return true // a client's transport set a credential by this layer's names (WithCredentialHeaders)
		}
		return p.plain.plainPartition(at) != p.partition
	}
	if p.settings.Partition == nil {
		return false
	}
	if p.settings.Partition(req) != p.partition {
		return true
	}
	at := resp.Request
	if at != nil && at.URL != nil && (at.URL.RawQuery != req.URL.RawQuery &&
		credential.Keys(nil).WithoutAddedSecrets(at.URL.RawQuery, req.URL.RawQuery) != at.URL.RawQuery ||
		!samePath(at.URL, req.URL) && credential.Keys(nil).PathAddsSecret(at.URL, req.URL)) {
		// Another URL answered (a backup), with a secret in its query that
		// the key's URL does not have (each user's ?access_token=, a
		// signature) or in its path (;jsessionid=): the answer is that
		// secret's, not the key's partition, as it would be had the
		// backup gone with a credential header.
		return true
	}
	if at != nil && at.URL != nil && !sameResource(at.URL, req.URL) {
		// The request's own header (a backup of another origin was sent
		// with less, never more) at the answering URL.
		moved := req.WithContext(req.Context())
		moved.URL = at.URL
		if p.settings.Partition(moved) != p.partition {
			return true
		}
		req = moved
	}
	// And with the cookies the jar attached as the answering request went
	// out: the jar may have changed session and back while it was under
	// way (another goroutine's login), the answer being the other one's.
	if sent, ok := middleware.SentCookies(at); ok {
		return p.settings.Partition(middleware.WithSentCookies(req, sent)) != p.partition
	}
	return false
}

// sameResource reports whether a and b name the same resource as far as a
// cookie jar is concerned: scheme, host and path.
func sameResource(a, b *url.URL) bool {
	return a == b || a.Scheme == b.Scheme && a.Host == b.Host && a.Path == b.Path
}

// samePath reports whether a and b have the same escaped path, without
// escaping either when their fields say so (the usual answer: the request
// that went, or its copy).
func samePath(a, b *url.URL) bool {
	return a == b || a.Path == b.Path && a.RawPath == b.RawPath || a.EscapedPath() == b.EscapedPath()
}
