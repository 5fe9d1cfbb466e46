package httpcache_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// cacheable answers like layertest.Stub, with a body and a max-age.
var cacheable = middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
	resp, err := layertest.Stub.RoundTrip(r)
	resp.Header = http.Header{"Cache-Control": {"max-age=3600"}, "Content-Type": {"application/json"}}
	resp.Body = middleware.NewBufferedBody([]byte(`{"id":1,"name":"taro","ok":true}`))
	return resp, err
})

// BenchmarkCache: "hit" answers from the cache (two storage reads, an
// entry decoded, a response built); "no-store" passes by; "reload" stores
// every response.
func BenchmarkCache(b *testing.B) {
	hit := httpcache.New(cacheable)
	req, _ := http.NewRequest("GET", "http://stub.test/", nil)
	resp, err := hit.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	layertest.Bench(b,
		layertest.Case{Name: "hit", RT: hit},
		layertest.Case{Name: "no-store", RT: httpcache.New(layertest.Stub, httpcache.WithMode(httpcache.ModeNoStore))},
		layertest.Case{Name: "reload", RT: httpcache.New(cacheable, httpcache.WithMode(httpcache.ModeReload))},
	)
}
