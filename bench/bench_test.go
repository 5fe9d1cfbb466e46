// Package bench measures taroreq against plain net/http and its peers on the
// same loopback server and payloads, sequentially and with 64 goroutines.
// It is its own module so that the peers never enter taroreq's go.mod. Run
// it with ./run, which prints the table of bench/RESULTS.md.
package bench

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

func server(b *testing.B) (*httptest.Server, []workload) {
	small, _ := json.Marshal(payload{ID: 7, Name: "Ann", OK: true})
	big := payload{ID: 1, Name: "list"}
	for i := 0; len(mustJSON(big)) < 64<<10; i++ {
		big.Items = append(big.Items, payload{ID: i, Name: "item with some text", OK: i%2 == 0})
	}
	large := mustJSON(big)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil { // nil when called in process by stub
			_, _ = io.Copy(io.Discard, r.Body)
		}
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/large" {
			_, _ = w.Write(large)
			return
		}
		_, _ = w.Write(small)
	}))
	b.Cleanup(srv.Close)
	return srv, []workload{
		{name: "get_small", method: "GET", url: srv.URL + "/small"},
		{name: "get_64k", method: "GET", url: srv.URL + "/large"},
		{name: "post_json", method: "POST", url: srv.URL + "/post", body: small},
	}
}

// stub answers through the server's handler in process: the same headers
// and bytes, no sockets.
func stub(h http.Handler) http.RoundTripper {
	return rtFunc(func(r *http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		resp := rec.Result()
		resp.Request = r
		return resp, nil
	})
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// transport is a fresh pool per row, large enough for 64 goroutines (the
// default of 2 idle connections per host would measure connection setup).
func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 256
	return t
}

// BenchmarkStub is the library-cost view: every row over an in-process
// transport that answers the same bytes as the server, without sockets.
func BenchmarkStub(b *testing.B) { bench(b, false, true) }

// BenchmarkSeq and BenchmarkPar run on the loopback server, one request at a
// time and with 64 goroutines.
func BenchmarkSeq(b *testing.B) { bench(b, false, false) }

func BenchmarkPar(b *testing.B) { bench(b, true, false) }

func bench(b *testing.B, parallel, stubbed bool) {
	srv, workloads := server(b)
	for _, w := range workloads {
		for _, row := range rows {
			b.Run(w.name+"/"+row.name, func(b *testing.B) {
				tr := transport()
				defer tr.CloseIdleConnections()
				var rt http.RoundTripper = tr
				if stubbed {
					rt = stub(srv.Config.Handler)
				}
				run := row.make(rt)
				ctx := context.Background()
				if err := run(ctx, w); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				if !parallel {
					for i := 0; i < b.N; i++ {
						if err := run(ctx, w); err != nil {
							b.Fatal(err)
						}
					}
					return
				}
				b.SetParallelism((64 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if err := run(ctx, w); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		}
	}
}
