package credential

import (
	"context"
	"net/http"
	"slices"
)

type clientPartitionerKey struct{}

// clientPartitioners is the Partitioners of the clients a request went
// through the Transports of, the innermost first.
type clientPartitioners struct {
	p    *Partitioner
	next *clientPartitioners
}

// WithClientPartitioner gives a request that carries no Call (a plain
// http.Client's through a client's Transport) the Partitioner of a client
// given a partition key (client.WithPartitionKey), for the store and HTTP
// cache layers that have no key of their own (see PlainPartitioner).
// Through the Transport of a client whose transport is another client's
// Transport, both keys count (ClientPartition).
func WithClientPartitioner(ctx context.Context, p *Partitioner) context.Context {
	held, _ := ctx.Value(clientPartitionerKey{}).(*clientPartitioners)
	if held != nil && held.p == p {
		return ctx
	}
	return context.WithValue(ctx, clientPartitionerKey{}, &clientPartitioners{p, held})
}

// PlainPartitioner is the Partitioner a store or HTTP cache layer keyed
// with own partitions a request without Call by: the client's that sent it
// when that client was given a key (its calls are partitioned by that key
// too), else own. Layers in WithLayers of clients given two keys, shared,
// would otherwise file their users' requests without credentials under one
// partition in the storage they share: "" for a layer without a key of its
// own (client.DefaultLayers), its own key's for one given a key. A client
// partitions another client's call through its Transport by it too.
// Nil when neither. The partition is PlainPartition's.
func PlainPartitioner(ctx context.Context, own *Partitioner) *Partitioner {
	if c, _ := ctx.Value(clientPartitionerKey{}).(*clientPartitioners); c != nil {
		return c.p
	}
	return own
}

// PlainPartition is the partition of h, cookies and names under
// PlainPartitioner(ctx, own), and under the key of every client given one
// whose Transport the request went through beside it (ClientPartition).
func PlainPartition(ctx context.Context, own *Partitioner, h http.Header, cookies []*http.Cookie, names []string) string {
	if part, ok := ClientPartition(ctx, h, cookies, names); ok {
		return part
	}
	return own.Of(h, cookies, names)
}

// ClientPartition is the partition of h, cookies and names under the key
// of each client given one whose Transport the request went through
// (WithClientPartitioner), the innermost's first; false when none: a user
// told apart by any of those keys stays apart.
func ClientPartition(ctx context.Context, h http.Header, cookies []*http.Cookie, names []string) (string, bool) {
	c, _ := ctx.Value(clientPartitionerKey{}).(*clientPartitioners)
	if c == nil {
		return "", false
	}
	part := c.p.Of(h, cookies, names)
	for n := c.next; n != nil; n = n.next {
		part += n.p.Of(h, cookies, names)
	}
	return part, true
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
