package client

import (
	"slices"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// partitionerFor is the Partitioner of a client built with s: of the key
// given; else, over another client's Transport given one (or drawn for its
// TLS client certificate), that client's key, whose transport tells the
// user apart as it would by a certificate of its own: the two share none of
// their users' entries with key-less clients. A copy, not that client's
// own: a plain request over both Transports then counts the key twice in
// the layers below, and this client's layers, which count it once, write
// none of its answers, as before (one key shared by users told apart by
// the connection below would otherwise share them).
func partitionerFor(s settings) *credential.Partitioner {
	if s.partitionKey == nil {
		if st, ok := s.transport.(stackTransport); ok && st.c.partitioner.None() != "" {
			p := *st.c.partitioner
			return &p
		}
	}
	return credential.NewPartitioner(s.partitionKey)
}

// withNames is names with those of more it lacks, in any case.
func withNames(names, more []string) []string {
	for _, m := range more {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, m) }) {
			names = append(names, m)
		}
	}
	return names
}
