package middleware_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

// twiceFailing fails its first read after the prefix with first, and every
// later one with later, as net/http's body does after its context was
// cancelled ("context canceled", then "use of closed network connection").
type twiceFailing struct {
	r            io.Reader
	first, later error
	failed       bool
}

func (b *twiceFailing) Read(p []byte) (int, error) {
	if n, err := b.r.Read(p); err != io.EOF {
		return n, err
	}
	if b.failed {
		return 0, b.later
	}
	b.failed = true
	return 0, b.first
}

// A body whose read fails is handed on as it came: what was read, then the
// same error, not whatever the body below says when read again.
func TestBufferBodyFailedReadHandedOnWithItsError(t *testing.T) {
	later := errors.New("use of closed network connection")
	for _, prefix := range []string{"", "partial"} {
		resp := &http.Response{Body: io.NopCloser(&twiceFailing{r: strings.NewReader(prefix), first: errCanceled, later: later}), ContentLength: -1}
		if _, err := middleware.BufferBody(resp, 1<<20); !errors.Is(err, errCanceled) {
			t.Fatalf("BufferBody: %v, want the read's error", err)
		}
		got, err := io.ReadAll(resp.Body)
		if string(got) != prefix || !errors.Is(err, errCanceled) {
			t.Errorf("prefix %q: caller read %q, %v; want %q, %v", prefix, got, err, prefix, errCanceled)
		}
		resp.Body.Close()
	}
}

var errCanceled = errors.New("context canceled")
