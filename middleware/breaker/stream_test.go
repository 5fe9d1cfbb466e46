package breaker_test

import (
	"bufio"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// In a plain http.Client, an event stream that answers a half-open
// circuit's probe closes the circuit at once: its end may never come.
func TestEventStreamProbeJudgedByItsAnswer(t *testing.T) {
	var ok atomic.Bool
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if !ok.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		w.Write([]byte("data: hi\n\n"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	var closed atomic.Bool
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithThreshold(1), breaker.WithOpenTimeout(50*time.Millisecond),
		breaker.WithStateChange(func(_ string, _, to breaker.State) { closed.Store(to.String() == "closed") }))}
	if code, err := get(hc, srv.URL); code != http.StatusServiceUnavailable || err != nil {
		t.Fatalf("%d %v", code, err)
	}
	ok.Store(true)
	time.Sleep(70 * time.Millisecond) // half-open
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if line, _ := bufio.NewReader(resp.Body).ReadString('\n'); line != "data: hi\n" {
		t.Fatalf("stream: %q", line)
	}
	if !closed.Load() {
		t.Fatal("the circuit is still half-open while the stream lasts")
	}
}

// A stream judged by its answer is not judged again by its end: one that
// breaks mid-body counts as the success its answer was, so even a circuit
// that opens at the first failure stays closed.
func TestEventStreamBreakMidBodyNotCounted(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Write([]byte("data: hi\n\n"))
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // the connection breaks mid-stream
	})
	var opened atomic.Bool
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithThreshold(1),
		breaker.WithStateChange(func(_ string, _, to breaker.State) { opened.Store(to.String() == "open") }))}
	for i := range 3 {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("request %d: %v (the circuit opened on a broken stream)", i, err)
		}
		if _, err := io.ReadAll(resp.Body); err == nil {
			t.Fatalf("request %d: the stream did not break", i)
		}
		resp.Body.Close()
	}
	if opened.Load() {
		t.Fatal("a mid-stream break opened the circuit")
	}
}
