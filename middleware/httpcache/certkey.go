package httpcache

import (
	"net/http"

	"github.com/taroreq/taroreq/internal/credential"
)

// ownPartitioner is p, or, when p has the default key (no WithPartitionKey:
// requests without credentials in the partition "" every such layer
// shares) and base tells its user to the server by the connection (an
// *http.Transport with a TLS client certificate, whose requests carry no
// credential header), a Partitioner of a random key of this layer's own:
// another user's layer over the same storage is never answered this
// user's entries. A client does the same for its own transport
// (client.New); the call of a client without a key through this layer
// (the layer as its transport) counts the key too (Transport.partition).
// Replicas of one user's layer, or client, that should share entries give
// one key.
func ownPartitioner(base http.RoundTripper, p *credential.Partitioner) *credential.Partitioner {
	if p.None() != "" || !credential.CertifiesUser(base) {
		return p
	}
	return credential.NewPartitioner(credential.OwnKey())
}
