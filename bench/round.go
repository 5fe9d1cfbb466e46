package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// RoundConfig is one round of the interleaved method (RESULTS.md): the rows
// matching Rows, rotated by Rotate, each run once between two net/http runs.
type RoundConfig struct {
	Round    int
	Mode     string // "stub", "seq" or "par"
	Workload string // "get_small", "get_64k" or "post_json"
	Rows     *regexp.Regexp
	Rotate   int
}

// Run is one benchmark run of one row: what `-count 1 -benchmem` reports,
// plus the process CPU time (user + sys) per request around the timed loop.
type Run struct {
	Round    int     `json:"round"`
	Mode     string  `json:"mode"`
	Workload string  `json:"workload"`
	Pos      int     `json:"pos"` // place in this round's sequence
	Row      string  `json:"row"`
	N        int     `json:"n"`
	NsOp     float64 `json:"ns_op"`
	CPUNsOp  float64 `json:"cpu_ns_op"`
	BOp      int64   `json:"b_op"`
	AllocsOp int64   `json:"allocs_op"`
}

// RunRound runs nethttp, X1, nethttp, X2, …, Xn, nethttp and writes one
// JSON line per run to out. testing.Benchmark honours -test.benchtime.
func RunRound(cfg RoundConfig, out io.Writer) error {
	srv, workloads := Server()
	defer srv.Close()
	var w *workload
	for i := range workloads {
		if workloads[i].name == cfg.Workload {
			w = &workloads[i]
		}
	}
	if w == nil {
		return fmt.Errorf("no workload %q", cfg.Workload)
	}
	var picked []int
	for i, r := range rows {
		if r.name != "nethttp" && (cfg.Rows == nil || cfg.Rows.MatchString(r.name)) {
			picked = append(picked, i)
		}
	}
	if len(picked) == 0 {
		return fmt.Errorf("no row matches %v", cfg.Rows)
	}
	k := cfg.Rotate % len(picked)
	picked = append(picked[k:], picked[:k]...)
	seq := []int{0}
	for _, i := range picked {
		seq = append(seq, i, 0)
	}
	enc := json.NewEncoder(out)
	for pos, i := range seq {
		r := runRow(rows[i].make, srv.Config.Handler, *w, cfg.Mode)
		if r.err != nil {
			return fmt.Errorf("%s: %w", rows[i].name, r.err)
		}
		run := Run{Round: cfg.Round, Mode: cfg.Mode, Workload: cfg.Workload, Pos: pos, Row: rows[i].name,
			N: r.res.N, NsOp: float64(r.res.T.Nanoseconds()) / float64(r.res.N), CPUNsOp: r.cpu,
			BOp: r.res.AllocedBytesPerOp(), AllocsOp: r.res.AllocsPerOp()}
		if err := enc.Encode(run); err != nil {
			return err
		}
	}
	return nil
}

type rowResult struct {
	res testing.BenchmarkResult
	cpu float64
	err error
}

func runRow(make func(http.RoundTripper) runner, h http.Handler, w workload, mode string) rowResult {
	tr := transport()
	defer tr.CloseIdleConnections()
	var rt http.RoundTripper = tr
	if mode == "stub" {
		rt = stub(h)
	}
	run := make(rt)
	ctx := context.Background()
	var out rowResult
	if out.err = run(ctx, w); out.err != nil {
		return out
	}
	out.res = testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		runtime.GC()
		b.ResetTimer()
		before := cpuTime()
		if mode != "par" {
			for i := 0; i < b.N; i++ {
				if err := run(ctx, w); err != nil {
					out.err = err
					b.FailNow()
				}
			}
		} else {
			b.SetParallelism((64 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := run(ctx, w); err != nil {
						out.err = err
						return
					}
				}
			})
		}
		// The last call is the one testing.Benchmark reports: its N wins.
		out.cpu = float64(cpuTime()-before) / float64(b.N)
	})
	return out
}

// cpuTime is the process's user + sys time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
