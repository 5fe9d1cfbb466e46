package breaker

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// statusStub answers 500 for hosts starting with "bad", else 200, with a
// one-byte body and no socket.
var statusStub = middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
	code := 200
	if strings.HasPrefix(r.URL.Host, "bad") {
		code = 500
	}
	return &http.Response{StatusCode: code, Body: io.NopCloser(strings.NewReader("x")), Request: r}, nil
})

func send(t testing.TB, rt http.RoundTripper, origin string) (*http.Response, error) {
	req, err := http.NewRequest("GET", origin+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	return rt.RoundTrip(req)
}

func sendAndClose(t testing.TB, rt http.RoundTripper, origin string) error {
	resp, err := send(t, rt, origin)
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return err
}

func circuits(rt http.RoundTripper) (keys []string) {
	rt.(*transport).breakers.Range(func(k, _ any) bool {
		keys = append(keys, k.(string))
		return true
	})
	return keys
}

func TestIdleCircuitsAreEvicted(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	const idle = time.Minute
	rt := New(statusStub, WithIdleTimeout(idle), WithClock(clock.now), WithThreshold(2))

	for _, o := range []string{"http://idle.test", "http://busy.test", "http://bad-open.test", "http://bad-once.test", "http://streaming.test"} {
		if err := sendAndClose(t, rt, o); err != nil {
			t.Fatal(err)
		}
	}
	_ = sendAndClose(t, rt, "http://bad-open.test") // second failure: open
	if err := sendAndClose(t, rt, "http://bad-open.test"); !errors.Is(err, ErrOpen) {
		t.Fatalf("bad-open: %v, want open", err)
	}
	streaming, err := send(t, rt, "http://streaming.test") // a body not yet read: under way
	if err != nil {
		t.Fatal(err)
	}

	// Two sweeps, one idle timeout apart, with busy used in between.
	clock.add(idle)
	_ = sendAndClose(t, rt, "http://new1.test") // first sweep: marks every circuit unused, new1 too
	clock.add(idle / 2)
	_ = sendAndClose(t, rt, "http://busy.test")
	clock.add(idle / 2)
	_ = sendAndClose(t, rt, "http://new2.test") // second sweep: evicts those idle since the first

	got := strings.Join(circuits(rt), " ")
	for _, want := range []string{"busy", "bad-open", "bad-once", "streaming", "new2"} {
		if !strings.Contains(got, "http://"+want+".test") {
			t.Errorf("circuit of %s evicted; left: %s", want, got)
		}
	}
	for _, gone := range []string{"idle", "new1"} {
		if strings.Contains(got, "http://"+gone+".test") {
			t.Errorf("circuit of %s, idle for a timeout, kept: %s", gone, got)
		}
	}
	// The open circuit still refuses: eviction forgot nothing.
	if err := sendAndClose(t, rt, "http://bad-open.test"); !errors.Is(err, ErrOpen) {
		t.Fatalf("bad-open after the sweep: %v, want open", err)
	}
	streaming.Body.Close()
	for _, o := range []string{"http://streaming.test", "http://bad-open.test", "http://busy.test"} {
		if v, _ := rt.(*transport).breakers.Load(o); v.(*entry).inflight.Load() != 0 {
			t.Errorf("%s: %d requests under way, want 0", o, v.(*entry).inflight.Load())
		}
	}

	// An evicted origin comes back with a fresh circuit, in the map.
	if err := sendAndClose(t, rt, "http://idle.test"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(circuits(rt), " "); !strings.Contains(got, "http://idle.test") {
		t.Fatalf("idle.test has no circuit again: %s", got)
	}
}

// The remembered last origin's circuit, once evicted, is not used by the
// fast path: the next request of that origin makes a new circuit, shared
// with the requests that come after, never two.
func TestEvictedLastOriginIsNotReused(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	rt := New(statusStub, WithClock(clock.now), WithThreshold(1)).(*transport)
	_ = sendAndClose(t, rt, "http://a.test")
	old := rt.last.Load().e
	clock.add(DefaultIdleTimeout)
	rt.added() // sweep 1
	clock.add(DefaultIdleTimeout)
	rt.added() // sweep 2: a.test goes
	if !old.dead.Load() || rt.last.Load() != nil || len(circuits(rt)) != 0 {
		t.Fatalf("a.test not evicted: dead %v, last %v, %v", old.dead.Load(), rt.last.Load(), circuits(rt))
	}
	_ = sendAndClose(t, rt, "http://bad.test") // trips bad.test
	_ = sendAndClose(t, rt, "http://a.test")
	e := rt.last.Load().e
	if e == old {
		t.Fatal("the evicted circuit came back")
	}
	_ = sendAndClose(t, rt, "http://a.test")
	if v, _ := rt.breakers.Load("http://a.test"); v != e {
		t.Fatal("a.test has two circuits")
	}
}

func TestIdleTimeoutZeroKeepsAll(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	rt := New(statusStub, WithIdleTimeout(0), WithClock(clock.now))
	for i := range 3 {
		_ = sendAndClose(t, rt, fmt.Sprintf("http://o%d.test", i))
		clock.add(time.Hour)
	}
	if n := len(circuits(rt)); n != 3 {
		t.Fatalf("%d circuits, want 3", n)
	}
}

func heapBytes() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// 50,000 origins met once each: about 20 MiB of circuits held for the
// client's life before; two idle timeouts later, the next new origin drops
// them.
func TestManyOriginsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("measures 50,000 origins")
	}
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	base := heapBytes()
	rt := New(statusStub, WithClock(clock.now))
	const n = 50000
	for i := range n {
		if err := sendAndClose(t, rt, fmt.Sprintf("http://o%d.test", i)); err != nil {
			t.Fatal(err)
		}
	}
	full := heapBytes()
	clock.add(DefaultIdleTimeout)
	_ = sendAndClose(t, rt, "http://next1.test")
	clock.add(DefaultIdleTimeout)
	_ = sendAndClose(t, rt, "http://next2.test")
	after := heapBytes()
	runtime.KeepAlive(rt)
	mib := func(b uint64) float64 { return float64(b) / (1 << 20) }
	t.Logf("%d origins: %.1f MiB (%d B each); after eviction: %.2f MiB, %d circuits",
		n, mib(full-base), (full-base)/n, mib(max(after, base)-base), len(circuits(rt)))
	if c := len(circuits(rt)); c != 1 {
		t.Fatalf("%d circuits left, want 1 (next2)", c)
	}
	if after > base+(full-base)/20 {
		t.Fatalf("heap after eviction %.1f MiB over the start, want under a twentieth of %.1f MiB",
			mib(after-base), mib(full-base))
	}
}

// Requests over many origins while sweeps run: no error, no race (run with
// -race), and every origin ends with one live circuit at most.
func TestSweepConcurrent(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	rt := New(statusStub, WithClock(clock.now), WithIdleTimeout(time.Second)).(*transport)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				if i%100 == 0 {
					clock.add(time.Second)
				}
				if err := sendAndClose(t, rt, fmt.Sprintf("http://o%d.test", (i*7+g)%50)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	rt.breakers.Range(func(k, v any) bool {
		if e := v.(*entry); e.dead.Load() || e.inflight.Load() != 0 {
			t.Errorf("%s: dead %v, inflight %d", k, e.dead.Load(), e.inflight.Load())
		}
		return true
	})
}
