package timeout_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/timeout"
)

// miscounting is a one-shot body whose Read says it read n bytes, an
// impossible count (more than it was given, or negative).
type miscounting struct{ n func(p []byte) int }

func (m miscounting) Read(p []byte) (int, error) { return m.n(p), nil }
func (miscounting) Close() error                 { return nil }

// A one-shot request body whose Read reports an impossible count (more
// bytes than p holds, or fewer than none) fails the attempt with an error
// saying so, as a panicking Read does: the pump slicing its buffer by that
// count crashed the process from a goroutine no caller could recover.
func TestOneShotBodyWithAnImpossibleReadCountIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(2*time.Second))}
	defer hc.CloseIdleConnections()
	for name, n := range map[string]func([]byte) int{
		"over":     func(p []byte) int { return len(p) + 1 },
		"negative": func([]byte) int { return -1 },
	} {
		req, _ := http.NewRequest(http.MethodPut, srv.URL, nil)
		req.Body = miscounting{n}
		req.ContentLength = -1
		_, err := hc.Do(req)
		if err == nil || !strings.Contains(err.Error(), "count") {
			t.Errorf("%s: err = %v, want the impossible count as an error", name, err)
		}
	}
}
