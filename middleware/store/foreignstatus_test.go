package store_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestEntriesOfStatusesNeverKeptAreNotServed: the layer writes a 2xx but a
// 206 only; an entry of another status in the Store (a 206 an older
// version kept under the key of the whole resource, a redirect or a 1xx
// another program wrote) answers neither before the network nor as the
// stale fallback. The 206 part answered a request without Range, as the
// whole, from both.
func TestEntriesOfStatusesNeverKeptAreNotServed(t *testing.T) {
	const u = "http://api.test/conf"
	always := func(*http.Response, []byte) bool { return true }
	origin := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("whole")), Request: req}, nil
	})
	down := errors.New("refused")
	for _, code := range []int{206, 302, 101, 0, 999} {
		m := store.NewMemory()
		e := store.Entry{StatusCode: code, Header: http.Header{"Content-Range": {"bytes 0-1/5"}}, Body: []byte("wh"), URL: u}
		if err := m.Set(context.Background(), store.Key(http.MethodGet, u, nil, ""), e); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		resp, err := store.New(origin, m, store.WithCheck(always)).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "whole" {
			t.Errorf("a stored %d answered before the network: %d %q", code, resp.StatusCode, b)
		}
		// The write of the origin's 200 replaced it: store it again.
		_ = m.Set(context.Background(), store.Key(http.MethodGet, u, nil, ""), e)
		if resp, ok := store.Fallback(m)(req, down); ok {
			resp.Body.Close()
			t.Errorf("a stored %d answered as the fallback: %d", code, resp.StatusCode)
		}
	}
}
