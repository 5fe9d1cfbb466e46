package credential

import "context"

type clientPartitionerKey struct{}

// WithClientPartitioner gives a request that carries no Call (a plain
// http.Client's through a client's Transport) the Partitioner of a client
// given a partition key (client.WithPartitionKey), for the store and HTTP
// cache layers that have no key of their own (see PlainPartitioner).
func WithClientPartitioner(ctx context.Context, p *Partitioner) context.Context {
	return context.WithValue(ctx, clientPartitionerKey{}, p)
}

// PlainPartitioner is the Partitioner a store or HTTP cache layer keyed
// with own partitions a request without Call by: the client's that sent it
// when that client was given a key and own is a default one (its None
// ""), else own. A layer without a key of its own (client.DefaultLayers,
// or one built without WithPartitionKey) in WithLayers of clients given
// two keys would otherwise file their users' requests without credentials
// under one partition, "", in the storage they share.
func PlainPartitioner(ctx context.Context, own *Partitioner) *Partitioner {
	if own.None() != "" {
		return own // a key given to the layer: the user's choice
	}
	if p, _ := ctx.Value(clientPartitionerKey{}).(*Partitioner); p != nil {
		return p
	}
	return own
}
