package httpcache_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// slowDeletes is a storage whose deletes are refused while refuse is set,
// and each take lag once it is not: a Redis across a network.
type slowDeletes struct {
	*store.Memory
	refuse atomic.Bool
	lag    time.Duration
	taken  atomic.Int32
}

func (s *slowDeletes) Delete(ctx context.Context, key string) error {
	if s.refuse.Load() {
		return errors.New("storage unavailable")
	}
	time.Sleep(s.lag)
	s.taken.Add(1)
	return s.Memory.Delete(ctx, key)
}

// Once the storage takes deletes again, the deletes it refused (up to
// 4096) are retried (3ee2acc). They were retried by the delete that found
// the storage back, in its caller's wait: the POST's own invalidation, for
// which a caller without a deadline waits whole and one with a deadline
// up to half of what it has left. The answer to one POST was held for the
// deletes of hundreds of other URLs. The POST's caller now waits for its
// own URL's delete only; the others are retried in the background.
func TestRetryOfRefusedDeletesDoesNotHoldAPost(t *testing.T) {
	origin := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})
	st := &slowDeletes{Memory: store.NewMemory(), lag: 2 * time.Millisecond}
	tr := httpcache.New(origin, httpcache.WithStorage(st), httpcache.WithErrorHandler(func(error) {}))
	hc := &http.Client{Transport: tr}
	const base = "http://api.test"
	post := func(ctx context.Context, path string) time.Duration {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader("x"))
		start := time.Now()
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return time.Since(start)
	}
	const refused = 400 // 800ms of deletes
	for _, c := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"no deadline", func() (context.Context, context.CancelFunc) { return context.Background(), func() {} }},
		{"10s deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 10*time.Second)
		}},
	} {
		st.refuse.Store(true)
		for i := range refused {
			post(context.Background(), "/"+c.name+"/gone/"+strconv.Itoa(i))
		}
		st.refuse.Store(false)
		st.taken.Store(0)
		ctx, cancel := c.ctx()
		took := post(ctx, "/"+c.name+"/doc")
		cancel()
		if took > 200*time.Millisecond {
			t.Errorf("%s: a POST whose own delete takes %v took %v: held for the retry of %d others", c.name, st.lag, took, refused)
		}
		tr.Wait()
		if n := st.taken.Load(); n != refused+1 {
			t.Errorf("%s: %d deletes taken once the storage answered; want %d (its own and every one refused)", c.name, n, refused+1)
		}
	}
}
