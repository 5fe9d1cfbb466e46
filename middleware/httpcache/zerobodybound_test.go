package httpcache_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestZeroOrNegativeMaxBodyBytesMeansTheDefault: the README says that in
// every layer's package "a zero or negative byte bound (...,
// WithMaxBodyBytes, ...)" means the default, and the option's doc gives it:
// 8 MiB. With WithMaxBodyBytes(0) or (-1), a cacheable answer of exactly
// 8 MiB is stored (the second GET is the cache's), one byte more is handed
// on whole and not stored (every GET reaches the origin): neither "store
// nothing" nor "no bound".
func TestZeroOrNegativeMaxBodyBytesMeansTheDefault(t *testing.T) {
	const bound = middleware.DefaultMaxBodyBytes
	var hits atomic.Int64
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		hits.Add(1)
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		return &http.Response{StatusCode: 200, Header: http.Header{"Cache-Control": {"max-age=60"}}, ContentLength: -1,
			Body: io.NopCloser(bytes.NewReader(make([]byte, n))), Request: r}, nil
	})
	for _, limit := range []int64{0, -1} {
		hc := &http.Client{Transport: httpcache.New(base, httpcache.WithMaxBodyBytes(limit))}
		for _, size := range []int{bound, bound + 1} {
			hits.Store(0)
			url := fmt.Sprintf("http://stub.test/doc?n=%d", size)
			for range 2 {
				resp, err := hc.Get(url)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || got != int64(size) {
					t.Fatalf("WithMaxBodyBytes(%d), %d bytes: read %d, %v", limit, size, got, err)
				}
			}
			want := int64(1) // stored: the second from the cache
			if size > bound {
				want = 2 // over the default bound: not stored
			}
			if n := hits.Load(); n != want {
				t.Errorf("WithMaxBodyBytes(%d), a body of %d bytes: %d requests reached the origin, want %d", limit, size, n, want)
			}
		}
	}
}
