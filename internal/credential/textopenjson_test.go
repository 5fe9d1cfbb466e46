package credential

import (
	"strings"
	"testing"
	"time"
)

// 256 KB of parameters whose values open JSON that nothing closes, or are
// short JSON, after bracketed names and plain ones: each is judged without a
// JSON decoder.
// Best of three runs, a generous bound (0.5 ms here; the decoder per value
// took 100-270 ms), race detector aside.
func TestTextStaysFastOnOpenJSONAfterEveryName(t *testing.T) {
	for _, p := range []string{"&[=[", "&(=[", "&[={", "&x=[", "&x=[]", "&x={}", "&x=[1]&y=2"} {
		s := strings.Repeat(p, (256<<10)/len(p)+1)[:256<<10]
		best := time.Hour
		for k := 0; k < 3; k++ {
			start := time.Now()
			_ = Keys(nil).Text(s)
			best = min(best, time.Since(start))
		}
		t.Logf("%-6q %v", p, best)
		if best > 50*time.Millisecond*time.Duration(raceFactor) {
			t.Errorf("Text(256 KB of %q) took %v", p, best)
		}
	}
}
