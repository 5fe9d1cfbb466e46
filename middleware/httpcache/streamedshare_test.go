package httpcache_test

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestStreamedAnswerUnderCoalescingSaysItIsStreamed: when a coalesced
// exchange is answered with an event stream, which is never buffered, one
// caller gets the stream and the others an error matching
// ErrTooLargeToShare, as documented, whose text says the answer is a stream
// one caller took: not that its body broke, nor that it was too large.
func TestStreamedAnswerUnderCoalescingSaysItIsStreamed(t *testing.T) {
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Content-Type", "text/event-stream")
		w.Write([]byte("data: 1\n\n"))
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}
	const n = 3
	bodies, errs := concurrentMisses(t, hc, o.URL, n, &entered, releaseNow)
	told, got := 0, 0
	for i, err := range errs {
		if err == nil {
			if bodies[i] == "data: 1\n\n" {
				got++
			}
			continue
		}
		if !errors.Is(err, httpcache.ErrTooLargeToShare) {
			t.Errorf("caller %d: %v", i, err)
			continue
		}
		told++
		if text := err.Error(); strings.Contains(text, "broke") || strings.Contains(text, "too large") ||
			!strings.Contains(text, "stream") {
			t.Errorf("caller %d: %v; want it to say the answer is a stream another caller got", i, err)
		}
	}
	if got != 1 || told != n-1 {
		t.Errorf("%d callers got the stream, %d were told it could not be shared; want 1 and %d", got, told, n-1)
	}
}
