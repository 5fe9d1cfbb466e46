package credential

import (
	"strings"
	"testing"
	"time"
)

// Many ';'-separated parameters and no '&' (a=;a=;a=;…): the walker looks
// for the next '&' from every parameter a ';' ends, to the end of the
// query each time. Four times the query must take well under sixteen times
// as long (the '&' is looked for once per span).
func TestWalkerManySemicolonsIsLinear(t *testing.T) {
	for _, unit := range []string{"a=;", "a=1;", "q=x;"} {
		took := func(n int) time.Duration { // the best of three
			raw := strings.Repeat(unit, n)
			best := time.Duration(1 << 62)
			for range 3 {
				start := time.Now()
				Keys(nil).WithoutSecrets(raw)
				Keys(nil).Form([]byte(raw))
				Keys(nil).Query("password=x&" + raw)
				best = min(best, time.Since(start))
			}
			return best
		}
		took(1000) // warm
		small, large := took(20000), took(80000)
		if large > 8*small+20*time.Millisecond {
			t.Errorf("%q: 20000 took %v, 80000 took %v: not linear", unit, small, large)
		}
	}
}
