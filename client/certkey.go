package client

import (
	"crypto/rand"
	"net/http"
)

// certifiesUser reports whether rt, a client's transport, tells its user to
// the server by the connection: an *http.Transport with a TLS client
// certificate. Its requests carry no credential header, so the store and
// the HTTP cache would file them under the partition of requests without
// credentials, which clients without a partition key share: another
// user's client over the same storage would be answered this user's data.
func certifiesUser(rt http.RoundTripper) bool {
	t, ok := rt.(*http.Transport)
	if !ok || t == nil || t.TLSClientConfig == nil {
		return false
	}
	return len(t.TLSClientConfig.Certificates) > 0 || t.TLSClientConfig.GetClientCertificate != nil
}

// ownKey is a random partition key taken as one given (not the default's,
// credential.RandomKey): a client whose transport certifies its user
// shares no entry of requests without credentials with other clients, as a
// client given a key of its own does not. Replicas of one user's client
// that should share them give one key (WithPartitionKey).
func ownKey() []byte {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never fails (Go 1.24+)
	return key
}
