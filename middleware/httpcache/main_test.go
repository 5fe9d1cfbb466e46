package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// clock is a settable clock for freshness without sleeps.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now().Truncate(time.Second)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// origin is a test server that counts requests and answers with handle.
type origin struct {
	*httptest.Server
	hits   atomic.Int64
	handle func(w http.ResponseWriter, r *http.Request)
	clock  *clock // when set, the Date header follows it (the real origin's clock agrees with ours)
}

func newOrigin(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) *origin {
	o := &origin{handle: handle}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.hits.Add(1)
		if o.clock != nil {
			w.Header().Set("Date", o.clock.Now().UTC().Format(http.TimeFormat))
		}
		o.handle(w, r)
	}))
	t.Cleanup(o.Close)
	return o
}

// cached returns an http.Client with the cache over the origin's transport.
func cached(o *origin, opts ...httpcache.Option) (*http.Client, *httpcache.Transport) {
	tr := httpcache.New(o.Client().Transport, opts...)
	return &http.Client{Transport: tr}, tr
}

// get does a GET with headers (name, value pairs) and returns the body and
// the response.
func get(t *testing.T, hc *http.Client, url string, kv ...string) (string, *http.Response) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	for i := 0; i+1 < len(kv); i += 2 {
		req.Header.Set(kv[i], kv[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), resp
}

func wantHits(t *testing.T, o *origin, n int64) {
	t.Helper()
	if got := o.hits.Load(); got != n {
		t.Fatalf("origin saw %d requests, want %d", got, n)
	}
}
