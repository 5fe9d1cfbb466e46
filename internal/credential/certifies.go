package credential

import "net/http"

// CertifiesUser reports whether rt tells its user to the server by the
// connection: an *http.Transport with a TLS client certificate. Its
// requests carry no credential header, so the store and the HTTP cache
// would file them under the partition of requests without credentials,
// which clients and layers without a partition key share: another user's
// over the same storage would be answered this user's data.
//
// It looks through layers over the transport that say what is below them
// (an Unwrap() http.RoundTripper method: this module's layers, a
// transports.Recorder, a caller's own), at most maxUnwraps deep: a store
// layer or a Recorder given as a client's transport hides nothing.
func CertifiesUser(rt http.RoundTripper) bool {
	for range maxUnwraps {
		switch t := rt.(type) {
		case *http.Transport:
			return t != nil && t.TLSClientConfig != nil &&
				(len(t.TLSClientConfig.Certificates) > 0 || t.TLSClientConfig.GetClientCertificate != nil)
		case interface{ Unwrap() http.RoundTripper }:
			rt = t.Unwrap()
		default:
			return false
		}
	}
	return false
}

// maxUnwraps bounds CertifiesUser's descent: a layer whose Unwrap
// returns itself must not hang New.
const maxUnwraps = 64

// OwnPartitioner is p, or, when p has the default key (no partition key
// given: requests without credentials in the partition "" that every such
// layer shares) and base tells its user to the server by the connection
// (CertifiesUser), a Partitioner of a random key of its own: another
// user's layer over the same storage is never answered this user's
// entries. A client does the same for its own transport (client.New).
// Replicas of one user's layer, or client, that should share entries
// give one key.
func OwnPartitioner(base http.RoundTripper, p *Partitioner) *Partitioner {
	if p.None() != "" || !CertifiesUser(base) {
		return p
	}
	return NewPartitioner(OwnKey())
}
