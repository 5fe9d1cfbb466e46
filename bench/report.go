package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Report reads the JSON lines of RunRound and prints one Markdown table per
// mode and workload: per row, the medians of ns/op, CPU per request, B/op
// and allocs/op, and its ratios to the mean of the two net/http runs beside
// each of its runs, as median [min–max] over the rounds. In mode "par" the
// wall ratio is throughput (net/http's ns/op over the row's: above 1 is
// faster); elsewhere it is time (below 1 is faster).
func Report(in io.Reader, out io.Writer) error {
	type group struct{ mode, workload string }
	type roundKey struct {
		group
		round int
	}
	byRound := map[roundKey][]Run{}
	var groups []group
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var r Run
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return err
		}
		g := group{r.Mode, r.Workload}
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
		k := roundKey{g, r.Round}
		byRound[k] = append(byRound[k], r)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	type stats struct {
		ns, cpu, b, allocs, wall, cpuRatio []float64
		rounds                             map[int]bool
	}
	for _, g := range groups {
		rowStats := map[string]*stats{}
		var order []string
		get := func(name string) *stats {
			s := rowStats[name]
			if s == nil {
				s = &stats{rounds: map[int]bool{}}
				rowStats[name] = s
				order = append(order, name)
			}
			return s
		}
		get("nethttp")
		for k, runs := range byRound {
			if k.group != g {
				continue
			}
			slices.SortFunc(runs, func(a, b Run) int { return a.Pos - b.Pos })
			for i, r := range runs {
				s := get(r.Row)
				s.ns = append(s.ns, r.NsOp)
				s.cpu = append(s.cpu, r.CPUNsOp)
				s.b = append(s.b, float64(r.BOp))
				s.allocs = append(s.allocs, float64(r.AllocsOp))
				if r.Row == "nethttp" || i == 0 || i+1 == len(runs) ||
					runs[i-1].Row != "nethttp" || runs[i+1].Row != "nethttp" {
					continue
				}
				baseNs := (runs[i-1].NsOp + runs[i+1].NsOp) / 2
				baseCPU := (runs[i-1].CPUNsOp + runs[i+1].CPUNsOp) / 2
				if g.mode == "par" {
					s.wall = append(s.wall, baseNs/r.NsOp)
				} else {
					s.wall = append(s.wall, r.NsOp/baseNs)
				}
				s.cpuRatio = append(s.cpuRatio, r.CPUNsOp/baseCPU)
				s.rounds[r.Round] = true
			}
		}
		wallName := "time ratio"
		if g.mode == "par" {
			wallName = "throughput ratio"
		}
		fmt.Fprintf(out, "\n### %s, %s\n\n", g.mode, g.workload)
		fmt.Fprintf(out, "| row | rounds | ns/op | CPU ns/req | B/op | allocs/op | %s, median [min–max] | CPU/req ratio, median [min–max] |\n", wallName)
		fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---|---|")
		slices.SortStableFunc(order, func(a, b string) int { return rowIndex(a) - rowIndex(b) })
		for _, name := range order {
			s := rowStats[name]
			if len(s.ns) == 0 {
				continue
			}
			ratio := func(v []float64) string {
				if len(v) == 0 {
					return "1 (baseline)"
				}
				return fmt.Sprintf("**%.2f×** [%.2f–%.2f]", median(v), slices.Min(v), slices.Max(v))
			}
			fmt.Fprintf(out, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %s | %s |\n", name, max(len(s.rounds), len(s.wall)),
				median(s.ns), median(s.cpu), median(s.b), median(s.allocs), ratio(s.wall), ratio(s.cpuRatio))
		}
	}
	return nil
}

func rowIndex(name string) int {
	for i, r := range rows {
		if r.name == name {
			return i
		}
	}
	return len(rows)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
