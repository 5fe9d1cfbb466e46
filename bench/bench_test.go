// Package bench measures taroreq against plain net/http and its peers on the
// same loopback server and payloads, sequentially and with 64 goroutines.
// It is its own module so that the peers never enter taroreq's go.mod.
// `go test -bench .` runs every row as an ordinary benchmark (back to back,
// which drifts on a shared machine); ./run runs the interleaved method of
// RESULTS.md (package function RunRound, command interleave) and prints its
// tables.
package bench

import (
	"context"
	"net/http"
	"runtime"
	"testing"
)

// BenchmarkStub is the library-cost view: every row over an in-process
// transport that answers the same bytes as the server, without sockets.
func BenchmarkStub(b *testing.B) { bench(b, false, true) }

// BenchmarkSeq and BenchmarkPar run on the loopback server, one request at a
// time and with 64 goroutines.
func BenchmarkSeq(b *testing.B) { bench(b, false, false) }

func BenchmarkPar(b *testing.B) { bench(b, true, false) }

func bench(b *testing.B, parallel, stubbed bool) {
	srv, workloads := Server()
	b.Cleanup(srv.Close)
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
