package retry_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/retry"
)

// A request whose GetBody fails when a retry would send it again is not
// retried, and the answer obtained stands: a plain http.Client's PUT
// answered 503 got GetBody's error instead (the 503 had been drained and
// closed before the body was asked for), breaking the RoundTripper rule
// that a response obtained is returned with err nil. Without a response
// (the attempt failed), the error says both: the attempt's and GetBody's.
// The new body GetBody gives is asked for before the wait, and closed when
// no attempt sends it.
func TestGetBodyFailingKeepsTheAnswer(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "busy")
	}))
	defer srv.Close()
	rewind := errors.New("the body cannot be made again")
	hc := &http.Client{Transport: retry.New(nil, retry.WithBackoff(nil, 0, 0))}
	req, _ := http.NewRequest(http.MethodPut, srv.URL+"/x", strings.NewReader("data"))
	req.GetBody = func() (io.ReadCloser, error) { return nil, rewind }
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("got %v, want the 503 obtained", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || string(body) != "busy" || hits.Load() != 1 {
		t.Fatalf("status %d, body %q, %d attempts; want the one 503, whole", resp.StatusCode, body, hits.Load())
	}

	// No answer: the attempt's error and GetBody's.
	dead := httptest.NewServer(http.NotFoundHandler())
	url := dead.URL
	dead.Close()
	req, _ = http.NewRequest(http.MethodPut, url+"/x", strings.NewReader("data"))
	req.GetBody = func() (io.ReadCloser, error) { return nil, rewind }
	_, err = retry.New(nil, retry.WithBackoff(nil, 0, 0)).RoundTrip(req)
	if !errors.Is(err, rewind) || !errors.Is(err, retry.ErrNotReplayable) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("got %v, want ErrNotReplayable with the refused connection and GetBody's error", err)
	}

	// A body made for a retry that never comes (the wait is cut) is closed.
	var made, closed atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, http.MethodPut, srv.URL+"/x", strings.NewReader("data"))
	req.GetBody = func() (io.ReadCloser, error) {
		made.Add(1)
		return closeCounter{strings.NewReader("data"), &closed}, nil
	}
	rt := retry.New(nil, retry.WithSleep(func(ctx context.Context, _ time.Duration) error {
		cancel()
		return ctx.Err()
	}))
	if _, err := rt.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the cancel", err)
	}
	if closed.Load() != made.Load() {
		t.Fatalf("GetBody made %d bodies, %d closed", made.Load(), closed.Load())
	}
}

type closeCounter struct {
	io.Reader
	n *atomic.Int32
}

func (c closeCounter) Close() error { c.n.Add(1); return nil }
