// Command table reads `go test -bench -benchmem` output of the bench module
// and prints one Markdown table: the median ns/op, B/op and allocs/op of
// each row, and its ratio to plain net/http on the same workload.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// line matches "BenchmarkSeq/get_small/nethttp-2  1000  37730 ns/op  6828 B/op  75 allocs/op".
var line = regexp.MustCompile(`^Benchmark(\w+)/([\w]+)/([\w+]+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+([\d.]+) B/op\s+([\d.]+) allocs/op`)

type key struct{ mode, workload, row string }

type samples struct{ ns, bytes, allocs []float64 }

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	data := map[key]*samples{}
	var order []key
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		k := key{m[1], m[2], m[3]}
		s := data[k]
		if s == nil {
			s = &samples{}
			data[k] = s
			order = append(order, k)
		}
		s.ns = append(s.ns, atof(m[4]))
		s.bytes = append(s.bytes, atof(m[5]))
		s.allocs = append(s.allocs, atof(m[6]))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(order) == 0 {
		return fmt.Errorf("no benchmark lines in the input")
	}
	fmt.Fprintln(out, "| mode | workload | stack | ns/op | B/op | allocs/op | vs net/http |")
	fmt.Fprintln(out, "|---|---|---|---:|---:|---:|---:|")
	for _, k := range order {
		s := data[k]
		ratio := "—"
		if base := data[key{k.mode, k.workload, "nethttp"}]; base != nil {
			r := median(s.ns) / median(base.ns)
			if k.mode == "Par" {
				// In parallel, ns/op is wall time per request: throughput is
				// its inverse, so report throughput relative to net/http.
				ratio = fmt.Sprintf("%.2f× throughput", 1/r)
			} else {
				ratio = fmt.Sprintf("%.2f× time", r)
			}
		}
		fmt.Fprintf(out, "| %s | %s | %s | %.0f | %.0f | %.0f | %s |\n",
			k.mode, k.workload, k.row, median(s.ns), median(s.bytes), median(s.allocs), ratio)
	}
	return nil
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
