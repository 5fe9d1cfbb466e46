package credential

import (
	"net/http"
	"testing"
)

// README (Security): the partition costs no allocation for a request
// without credentials and 2 with a bearer token (BenchmarkPartition
// measures the time; this holds the counts, which go test runs).
func TestPartitionAllocations(t *testing.T) {
	p := NewPartitioner([]byte("k"))
	none := http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}
	bearer := http.Header{"Accept": {"application/json"}, "Authorization": {"Bearer abcdefghijklmnopqrstuvwxyz"}}
	if n := testing.AllocsPerRun(100, func() { _ = p.Of(none, nil, nil) }); n != 0 {
		t.Errorf("a request without credentials: %v allocations, the README says none", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = p.Of(bearer, nil, nil) }); n > 2 {
		t.Errorf("a request with a bearer token: %v allocations, the README says 2", n)
	}
}
