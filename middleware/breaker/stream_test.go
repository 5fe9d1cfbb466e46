package breaker_test

import (
	"bufio"
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
