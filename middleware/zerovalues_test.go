package middleware_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestUnmadeMemoryFails: a store.Memory that NewMemory did not make (the
// zero value, a nil *Memory: a `var mem *store.Memory` handed to WithStore)
// fails every operation with an error, which the store layer reports and
// skips: the request is answered by the network. They panicked (index out of
// range, nil dereference).
func TestUnmadeMemoryFails(t *testing.T) {
	ctx := context.Background()
	for name, m := range map[string]*store.Memory{"zero": new(store.Memory), "nil": nil} {
		if _, _, err := m.Get(ctx, "k"); err == nil {
			t.Errorf("%s Get: no error", name)
		}
		if _, _, err := m.View(ctx, "k"); err == nil {
			t.Errorf("%s View: no error", name)
		}
		if _, _, err := m.ViewBody(ctx, "k"); err == nil {
			t.Errorf("%s ViewBody: no error", name)
		}
		if err := m.Set(ctx, "k", store.Entry{StatusCode: 200}); err == nil {
			t.Errorf("%s Set: no error", name)
		}
		if err := m.Delete(ctx, "k"); err == nil {
			t.Errorf("%s Delete: no error", name)
		}
		if err := m.Save(io.Discard); err == nil {
			t.Errorf("%s Save: no error", name)
		}
		if err := m.Load(bytes.NewReader(nil)); err == nil {
			t.Errorf("%s Load: no error", name)
		}
		if err := m.SaveFile(filepath.Join(t.TempDir(), "snap")); err == nil {
			t.Errorf("%s SaveFile: no error", name)
		}
		if n, b := m.Len(); n != 0 || b != 0 {
			t.Errorf("%s Len: %d, %d", name, n, b)
		}
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"v":1}`)
	}))
	defer srv.Close()
	var mem *store.Memory
	var reported atomic.Int32
	c := client.New(client.WithStore(mem, store.WithErrorHandler(func(error) { reported.Add(1) })))
	resp, err := c.Request(ctx, client.Option{URL: srv.URL, UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
	if err != nil || resp.StatusCode != 200 || resp.FromStore {
		t.Fatalf("WithStore(nil *Memory): %+v, %v", resp, err)
	}
	if reported.Load() == 0 {
		t.Error("the store's errors were not reported")
	}
}

// TestUnmadeHTTPCacheTransport: a zero or nil httpcache.Transport fails a
// request with an error (its body closed) rather than panicking; Wait
// returns.
func TestUnmadeHTTPCacheTransport(t *testing.T) {
	for name, tr := range map[string]*httpcache.Transport{"zero": new(httpcache.Transport), "nil": nil} {
		body := &closeRecorder{Reader: strings.NewReader("x")}
		req, _ := http.NewRequest("POST", "http://127.0.0.1:1/", body)
		if resp, err := tr.RoundTrip(req); resp != nil || err == nil {
			t.Errorf("%s: RoundTrip = %v, %v", name, resp, err)
		}
		if !body.closed {
			t.Errorf("%s: request body not closed", name)
		}
		tr.Wait()
	}
	if _, ok := httpcache.ServedStale(nil); ok {
		t.Error("ServedStale(nil) is true")
	}
}

// TestTypedErrorZeroValues: the layers' typed errors have a text when made
// by hand without their fields (backup.URLError panicked).
func TestTypedErrorZeroValues(t *testing.T) {
	for _, e := range []error{&backup.URLError{}, &backup.ExhaustedError{}, &backup.NotFailedOverError{}} {
		if e.Error() == "" {
			t.Errorf("%T: empty text", e)
		}
	}
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }
