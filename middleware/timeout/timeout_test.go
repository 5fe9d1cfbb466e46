package timeout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func slowServer(t *testing.T, headerDelay time.Duration, drip bool) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(headerDelay):
		case <-r.Context().Done():
			return
		}
		w.WriteHeader(200)
		if !drip {
			_, _ = w.Write([]byte("done"))
			return
		}
		for i := 0; i < 100; i++ { // 5 s: what a read no timeout bounds takes
			_, _ = w.Write([]byte("."))
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestPlainClientHeaderTimeout(t *testing.T) {
	srv := slowServer(t, 5*time.Second, false)
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(100*time.Millisecond))}
	start := time.Now()
	_, err := hc.Get(srv.URL)
	if !errors.Is(err, timeout.ErrExceeded) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d < 100*time.Millisecond || d > 2500*time.Millisecond { // unbounded: 5 s
		t.Errorf("took %v", d)
	}
}

func TestDripBodyTimesOut(t *testing.T) {
	srv := slowServer(t, 0, true)
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(200*time.Millisecond))}
	start := time.Now()
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err) // the headers came in time
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, timeout.ErrExceeded) {
		t.Fatalf("read err = %v", err)
	}
	if d := time.Since(start); d < 200*time.Millisecond || d > 2500*time.Millisecond { // unbounded: 5 s
		t.Errorf("took %v", d)
	}
}

func TestSettingsOverrideAndCallerCancel(t *testing.T) {
	srv := slowServer(t, 300*time.Millisecond, false)
	rt := timeout.New(nil, timeout.WithTimeout(time.Millisecond))
	// Settings say 2s: the slow server answers in time.
	ctx := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{Timeout: 2 * time.Second}))
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "done" {
		t.Errorf("body %q", b)
	}
	// The caller's cancellation is not reported as a timeout.
	cctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	req, _ = http.NewRequestWithContext(cctx, "GET", srv.URL, nil)
	_, err = timeout.New(nil).RoundTrip(req)
	if !errors.Is(err, context.Canceled) || errors.Is(err, timeout.ErrExceeded) {
		t.Errorf("err = %v", err)
	}
}

func BenchmarkTimeoutLayer(b *testing.B) {
	layertest.Bench(b, layertest.Case{Name: "with", RT: timeout.New(layertest.Stub)})
}
