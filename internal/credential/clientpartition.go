package credential

import (
	"context"
	"net/http"
	"slices"
)

// Through is what the Transports of the clients a request went through
// (client.Client.Transport) gave it: the partitioners of those given a key
// and the credential names of those given some. One context value holds
// both, so that a request that went through none pays one lookup. Read
// only once made; a nil *Through is none.
type Through struct {
	parts []*Partitioner // innermost client's first
	names []string
}

type throughKey struct{}

// ThroughFrom returns what ctx's request went through, nil when nothing.
func ThroughFrom(ctx context.Context) *Through {
	t, _ := ctx.Value(throughKey{}).(*Through)
	return t
}

// WithClientPartitioner gives a request going through a client's Transport
// (a plain http.Client's, or another client's call) the Partitioner of that
// client, given a partition key (client.WithPartitionKey): the store and
// HTTP cache layers without a key of their own partition it by that key
// too, and through the Transports of two nested clients by both
// (Through.Partition).
func WithClientPartitioner(ctx context.Context, p *Partitioner) context.Context {
	held := ThroughFrom(ctx)
	if held != nil && len(held.parts) > 0 && held.parts[0] == p {
		return ctx
	}
	t := &Through{parts: []*Partitioner{p}}
	if held != nil {
		t.parts, t.names = append(t.parts, held.parts...), held.names
	}
	return context.WithValue(ctx, throughKey{}, t)
}

// WithClientNames gives another client's call going through a client's
// Transport (that client's transport) the credential header names of the
// client it goes through (client.WithCredentialHeaders), with those an
// earlier one gave: its layers partition, watch and redact the call by them
// too, as they do the client's own calls.
func WithClientNames(ctx context.Context, names []string) context.Context {
	t := &Through{names: names}
	if held := ThroughFrom(ctx); held != nil {
		t.parts, t.names = held.parts, append(slices.Clip(names), held.names...)
	}
	return context.WithValue(ctx, throughKey{}, t)
}

// Names is what WithClientNames gave, nil if nothing.
func (t *Through) Names() []string {
	if t == nil {
		return nil
	}
	return t.names
}

// Partition is the partition of h, cookies and names under the key of each
// client given one whose Transport the request went through
// (WithClientPartitioner), the innermost's first; false when none: a user
// told apart by any of those keys stays apart.
func (t *Through) Partition(h http.Header, cookies []*http.Cookie, names []string) (string, bool) {
	if t == nil || len(t.parts) == 0 {
		return "", false
	}
	part := ""
	for _, p := range t.parts {
		part += p.Of(h, cookies, names)
	}
	return part, true
}

// PlainPartition is the partition a store or HTTP cache layer keyed with own
// gives a request without a Call (a plain http.Client's): under the keys of
// the clients given one whose Transports it went through (Through.Partition:
// layers in WithLayers shared by clients given two keys would otherwise file
// their users' requests without credentials under one partition of the
// storage they share), else under own.
func PlainPartition(ctx context.Context, own *Partitioner, h http.Header, cookies []*http.Cookie, names []string) string {
	if part, ok := ThroughFrom(ctx).Partition(h, cookies, names); ok {
		return part
	}
	return own.Of(h, cookies, names)
}
