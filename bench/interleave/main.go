// Command interleave runs one round of the interleaved benchmark method of
// bench/RESULTS.md and prints one JSON line per run; `interleave -report`
// reads the lines of many rounds and prints the table. ./run drives it.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/taroreq/taroreq/bench"
)

func main() {
	testing.Init()
	round := flag.Int("round", 0, "round number; the rows are rotated by it")
	mode := flag.String("mode", "stub", "stub, seq or par")
	wl := flag.String("workload", "get_small", "get_small, get_64k or post_json")
	rows := flag.String("rows", "", "regexp of the rows to run (default all)")
	report := flag.Bool("report", false, "read the JSON lines of many rounds on stdin and print the table")
	flag.Parse()
	if *report {
		if err := bench.Report(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "interleave:", err)
			os.Exit(1)
		}
		return
	}
	cfg := bench.RoundConfig{Round: *round, Mode: *mode, Workload: *wl, Rotate: *round}
	if *rows != "" {
		cfg.Rows = regexp.MustCompile(*rows)
	}
	if err := bench.RunRound(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "interleave:", err)
		os.Exit(1)
	}
}
