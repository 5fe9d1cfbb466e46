package httpcache_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestBrokenBodyUnderCoalescingSaysItBroke: when the body of a coalesced
// exchange breaks before the end (not over the bound), the waiters' error
// still matches ErrTooLargeToShare and the read's error, as documented, but
// its text says the body broke, not that it was too large or that another
// caller got it whole.
func TestBrokenBodyUnderCoalescingSaysItBroke(t *testing.T) {
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Length", "10000")
		w.Write([]byte(strings.Repeat("x", 100))) // then the handler returns: cut short
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}
	const n = 4
	_, errs := concurrentMisses(t, hc, o.URL, n, &entered, releaseNow)
	told := 0
	for i, err := range errs {
		if err == nil {
			t.Errorf("caller %d: no error for a body cut short", i)
			continue
		}
		if !errors.Is(err, httpcache.ErrTooLargeToShare) {
			continue // the caller that took the body: its read's own error
		}
		told++
		if !errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "too large") ||
			strings.Contains(err.Error(), "got it whole") || !strings.Contains(err.Error(), "broke before the end") {
			t.Errorf("caller %d: %v; want it to say the body broke, matching io.ErrUnexpectedEOF", i, err)
		}
	}
	if told != n-1 {
		t.Errorf("%d waiters told the exchange could not be shared, want %d", told, n-1)
	}
}
