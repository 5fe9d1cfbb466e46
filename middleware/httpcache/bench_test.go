package httpcache_test

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// cacheable answers like layertest.Stub, with a body and a max-age.
var cacheable = stubWith([]byte(`{"id":1,"name":"taro","ok":true}`))

// stubWith answers every request 200 with body and a max-age, without
// sockets.
func stubWith(body []byte) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := layertest.Stub.RoundTrip(r)
		resp.Header = http.Header{"Cache-Control": {"max-age=3600"}, "Content-Type": {"application/json"},
			"Etag": {`"v1"`}}
		resp.Body = middleware.NewBufferedBody(body)
		resp.ContentLength = int64(len(body))
		return resp, err
	})
}

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

// BenchmarkHit measures a fresh hit of a 1 KiB body through the layer
// alone, the storage holding 1, 1k or 100k other entries: the cost must
// not grow with the number of entries. "rotating" hits a different stored
// URL each time (the CPU caches cold, as in a busy service).
func BenchmarkHit(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 1024)
	for _, n := range []int{1, 1_000, 100_000} {
		mem := store.NewMemory(store.WithMaxEntries(2*n+10), store.WithMaxBytes(1<<31))
		tr := httpcache.New(stubWith(body), httpcache.WithStorage(mem))
		reqs := make([]*http.Request, n)
		for i := range reqs {
			reqs[i], _ = http.NewRequest("GET", fmt.Sprintf("http://stub.test/items/%d?q=%d", i, i), nil)
			resp, err := tr.RoundTrip(reqs[i])
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
		}
		for _, req := range reqs { // steady state: every entry hit once
			resp, err := tr.RoundTrip(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
		}
		run := func(b *testing.B, next func(i int) *http.Request) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				resp, err := tr.RoundTrip(next(i))
				if err != nil {
					b.Fatal(err)
				}
				if resp.ContentLength != 1024 || resp.Header.Get("Age") == "" {
					b.Fatalf("not a hit: %d bytes, Age %q", resp.ContentLength, resp.Header.Get("Age"))
				}
				resp.Body.Close()
			}
		}
		name := map[int]string{1: "entries=1", 1_000: "entries=1k", 100_000: "entries=100k"}[n]
		b.Run(name+"/same", func(b *testing.B) { run(b, func(int) *http.Request { return reqs[0] }) })
		if n > 1 {
			b.Run(name+"/rotating", func(b *testing.B) {
				run(b, func(i int) *http.Request { return reqs[(i*7919)%n] })
			})
		}
	}
}

// BenchmarkHitParallel answers 1,000 URLs from the cache from 64
// goroutines: "fresh" hits, and "stale" ones within
// stale-while-revalidate, each of which starts or joins a background
// revalidation. Run it with -mutexprofile to see which locks hits wait
// for.
func BenchmarkHitParallel(b *testing.B) {
	const urls = 1000
	body := bytes.Repeat([]byte("x"), 1024)
	for _, c := range []struct{ name, cc string }{
		{"fresh", "max-age=3600"},
		{"stale", "max-age=0, stale-while-revalidate=3600"},
	} {
		b.Run(c.name, func(b *testing.B) {
			origin := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				resp, err := layertest.Stub.RoundTrip(r)
				resp.Header = http.Header{"Cache-Control": {c.cc}, "Content-Type": {"application/json"}}
				resp.Body = middleware.NewBufferedBody(body)
				resp.ContentLength = int64(len(body))
				return resp, err
			})
			mem := store.NewMemory(store.WithMaxEntries(4*urls), store.WithMaxBytes(64<<20))
			tr := httpcache.New(origin, httpcache.WithStorage(mem))
			defer tr.Wait()
			goroutines := max(1, 64/runtime.GOMAXPROCS(0)) * runtime.GOMAXPROCS(0)
			reqs := make([][]*http.Request, goroutines) // each goroutine its own
			for g := range reqs {
				reqs[g] = make([]*http.Request, urls)
				for i := range reqs[g] {
					reqs[g][i], _ = http.NewRequest("GET", fmt.Sprintf("http://stub.test/items/%d", i), nil)
				}
			}
			for _, req := range reqs[0] {
				resp, err := tr.RoundTrip(req)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
			}
			tr.Wait()
			var next atomic.Int64
			b.SetParallelism(goroutines / runtime.GOMAXPROCS(0))
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				g := int(next.Add(1)-1) % goroutines
				r := uint64(g)*0x9e3779b97f4a7c15 | 1 // each goroutine its own sequence
				for pb.Next() {
					r ^= r << 13
					r ^= r >> 7
					r ^= r << 17
					resp, err := tr.RoundTrip(reqs[g][r%urls])
					if err != nil {
						b.Error(err)
						return
					}
					if resp.Header.Get("Age") == "" {
						b.Error("not a hit")
					}
					resp.Body.Close()
				}
			})
		})
	}
}
