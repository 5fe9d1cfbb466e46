package credential

import "time"

// linearTimes times the operation that op(n) returns, for n = small and n =
// large, and reports whether the large one took under eight times the small
// one's time (plus slack: a few ms of scheduling), where four times the input
// takes about four times as long when the cost is linear and sixteen when it
// is quadratic. The times are the process's CPU time, not the wall clock:
// on a loaded machine a long run shares the cores more than a short one,
// which stretched 4x the input to over 8x the wall time under -race. The
// two sizes are timed in turn, best of three each, so a stall meets both;
// and a measure that misses is taken again, up to three times, since noise
// rarely misses thrice where a quadratic cost always does. It returns the
// last times measured.
func linearTimes(small, large int, slack time.Duration, op func(n int) func()) (time.Duration, time.Duration, bool) {
	runSmall, runLarge := op(small), op(large)
	runSmall() // warm
	var s, l time.Duration
	for range 3 {
		s, l = time.Duration(1<<62), time.Duration(1<<62)
		for range 3 {
			start := cpuTime()
			runSmall()
			s = min(s, cpuTime()-start)
			start = cpuTime()
			runLarge()
			l = min(l, cpuTime()-start)
		}
		if l <= 8*s+slack {
			return s, l, true
		}
	}
	return s, l, false
}
