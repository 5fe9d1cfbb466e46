package credential

import (
	"context"
	"slices"
)

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
// when that client was given a key (its calls are partitioned by that key
// too), else own. Layers in WithLayers of clients given two keys, shared,
// would otherwise file their users' requests without credentials under one
// partition in the storage they share: "" for a layer without a key of its
// own (client.DefaultLayers), its own key's for one given a key. A client
// partitions another client's call through its Transport by it too.
func PlainPartitioner(ctx context.Context, own *Partitioner) *Partitioner {
	if p, _ := ctx.Value(clientPartitionerKey{}).(*Partitioner); p != nil {
		return p
	}
	return own
}

type clientNamesKey struct{}

// WithClientNames gives another client's call going through a client's
// Transport (that client's transport) the credential header names of the
// client it goes through (client.WithCredentialHeaders), with those an
// earlier one gave: its store and HTTP cache layers partition the call by
// them too, as they do the client's own calls.
func WithClientNames(ctx context.Context, names []string) context.Context {
	if held := ClientNames(ctx); len(held) > 0 {
		names = append(slices.Clip(names), held...)
	}
	return context.WithValue(ctx, clientNamesKey{}, names)
}

// ClientNames is what WithClientNames gave ctx, nil if nothing.
func ClientNames(ctx context.Context) []string {
	names, _ := ctx.Value(clientNamesKey{}).([]string)
	return names
}
