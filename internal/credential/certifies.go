package credential

import "net/http"

// CertifiesUser reports whether rt tells its user to the server by the
// connection: an *http.Transport with a TLS client certificate. Its
// requests carry no credential header, so the store and the HTTP cache
// would file them under the partition of requests without credentials,
// which clients and layers without a partition key share: another user's
// over the same storage would be answered this user's data.
func CertifiesUser(rt http.RoundTripper) bool {
	t, ok := rt.(*http.Transport)
	if !ok || t == nil || t.TLSClientConfig == nil {
		return false
	}
	return len(t.TLSClientConfig.Certificates) > 0 || t.TLSClientConfig.GetClientCertificate != nil
}
