package breaker_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/timeout"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func get(hc *http.Client, url string) (int, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return resp.StatusCode, err
}

func TestTripsAndProbes(t *testing.T) {
	var mu sync.Mutex
	status := 500
	srv := faultserver.New(t, func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(status)
	})
	var changes []string
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithThreshold(3), breaker.WithOpenTimeout(100*time.Millisecond),
		breaker.WithStateChange(func(key string, from, to breaker.State) {
			if key != "http://"+srv.Listener.Addr().String() {
				t.Errorf("key %q", key)
			}
			changes = append(changes, from.String()+"→"+to.String())
		}))}
	for i := 0; i < 3; i++ {
		if code, err := get(hc, srv.URL); code != 500 || err != nil {
			t.Fatalf("attempt %d: %d %v", i, code, err)
		}
	}
	for i := 0; i < 5; i++ {
		_, err := get(hc, srv.URL)
		var oe *breaker.OpenError
		if !errors.Is(err, breaker.ErrOpen) || !errors.Is(err, middleware.ErrNoRetry) || !errors.As(err, &oe) {
			t.Fatalf("open circuit: err %v", err)
		}
	}
	if srv.Count() != 3 {
		t.Errorf("open circuit let %d requests through", srv.Count()-3)
	}
	time.Sleep(120 * time.Millisecond)
	mu.Lock()
	status = 200
	mu.Unlock()
	if code, err := get(hc, srv.URL); code != 200 || err != nil || srv.Count() != 4 {
		t.Fatalf("probe: %d %v count %d", code, err, srv.Count())
	}
	if code, err := get(hc, srv.URL); code != 200 || err != nil {
		t.Fatalf("closed again: %d %v", code, err)
	}
	if got := strings.Join(changes, " "); got != "closed→open open→half-open half-open→closed" {
		t.Errorf("state changes %q", got)
	}
}

func TestClientErrorsDoNotTrip(t *testing.T) {
	srv := faultserver.New(t, faultserver.Status(404, "no"))
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithThreshold(2))}
	for i := 0; i < 5; i++ {
		if code, err := get(hc, srv.URL); code != 404 || err != nil {
			t.Fatalf("%d: %d %v", i, code, err)
		}
	}
	if srv.Count() != 5 {
		t.Errorf("count %d", srv.Count())
	}
}

func TestBodyReadTimeoutIsAFailure(t *testing.T) {
	srv := faultserver.New(t, faultserver.Drip(50*time.Millisecond, 100))
	hc := &http.Client{Transport: breaker.New(timeout.New(nil, timeout.WithTimeout(80*time.Millisecond)), breaker.WithThreshold(2))}
	for i := 0; i < 2; i++ {
		if _, err := get(hc, srv.URL); !errors.Is(err, timeout.ErrExceeded) {
			t.Fatalf("%d: err %v", i, err)
		}
	}
	if _, err := get(hc, srv.URL); !errors.Is(err, breaker.ErrOpen) || srv.Count() != 2 {
		t.Fatalf("err %v count %d", err, srv.Count())
	}
}

func TestCallerCancellationDoesNotCount(t *testing.T) {
	srv := faultserver.New(t, faultserver.Hang(5*time.Second))
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithThreshold(1))}
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
		_, err := hc.Do(req)
		cancel()
		if errors.Is(err, breaker.ErrOpen) {
			t.Fatalf("%d: the caller's own deadline tripped the circuit", i)
		}
	}
	if srv.Count() != 3 {
		t.Errorf("count %d", srv.Count())
	}
}

func TestOriginsAreSeparate(t *testing.T) {
	dead := faultserver.New(t, faultserver.Status(503, ""))
	alive := faultserver.New(t, faultserver.OK(`{}`))
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithThreshold(1))}
	_, _ = get(hc, dead.URL)
	if _, err := get(hc, dead.URL); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("dead origin: %v", err)
	}
	if code, err := get(hc, alive.URL); code != 200 || err != nil {
		t.Fatalf("other origin: %d %v", code, err)
	}
	// Back and forth: the remembered last origin never lends its circuit
	// to another one, whatever the case of the host.
	upper := strings.Replace(dead.URL, "127.0.0.1", "LOCALHOST", 1)
	for i := 0; i < 3; i++ {
		if _, err := get(hc, dead.URL); !errors.Is(err, breaker.ErrOpen) {
			t.Fatalf("dead origin, round %d: %v", i, err)
		}
		if code, err := get(hc, alive.URL); code != 200 || err != nil {
			t.Fatalf("other origin, round %d: %d %v", i, code, err)
		}
	}
	_, _ = get(hc, upper) // another origin (localhost): its own circuit
	if _, err := get(hc, strings.ToLower(upper)); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("LOCALHOST and localhost are one origin: %v", err)
	}
}

func TestConcurrent(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{}`))
	hc := &http.Client{Transport: breaker.New(nil)}
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, err := get(hc, srv.URL); code != 200 || err != nil {
				t.Error(code, err)
			}
		}()
	}
	wg.Wait()
}

func BenchmarkBreakerLayer(b *testing.B) {
	layertest.Bench(b, layertest.Case{Name: "with", RT: breaker.New(layertest.Stub)})
}

// BenchmarkBreakerOrigins takes the slow path every time: requests cycle
// over 1,000 origins, so the remembered last origin never matches.
func BenchmarkBreakerOrigins(b *testing.B) {
	rt := breaker.New(layertest.Stub)
	reqs := make([]*http.Request, 1000)
	for i := range reqs {
		reqs[i], _ = http.NewRequest("GET", "http://o"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+
			strconv.Itoa(i)+".test/", nil)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		resp, err := rt.RoundTrip(reqs[i%len(reqs)])
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}
