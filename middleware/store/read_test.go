package store_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// getOnly hides Memory's View: a Store that only has Get.
type getOnly struct{ store.Store }

// Read says whether the entry is shared: Memory's is, a Get's is not.
func TestRead(t *testing.T) {
	ctx := context.Background()
	m := store.NewMemory()
	_ = m.Set(ctx, "k", store.Entry{StatusCode: 200, Body: []byte("b")})
	for _, c := range []struct {
		st     store.Store
		shared bool
	}{{m, true}, {getOnly{m}, false}} {
		e, ok, shared, err := store.Read(ctx, c.st, "k")
		if err != nil || !ok || shared != c.shared || string(e.Body) != "b" {
			t.Errorf("%T: %q ok=%v shared=%v err=%v", c.st, e.Body, ok, shared, err)
		}
	}
}

// A store hit hands the caller its own header and body: changing them never
// changes what the next hit gets, whichever way the store is read.
func TestHitIsTheCallersOwn(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"v":"2"}`))
	for _, st := range []store.Store{store.NewMemory(), getOnly{store.NewMemory()}} {
		rt := store.New(nil, st)
		s := settings(store.Key("GET", srv.URL, nil, ""), store.SignCheck("v", "2"))
		if _, _, _, err := send(t, rt, srv.URL, s); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			call := middleware.NewCall(s)
			req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", srv.URL, nil)
			resp, err := rt.RoundTrip(req)
			if err != nil || !call.FromStore() {
				t.Fatalf("%T hit %d: %v, from store %v", st, i, err, call.FromStore())
			}
			body, _ := middleware.BufferBody(resp, 1<<20)
			if string(body) != `{"v":"2"}` || resp.Header.Get("X-Changed") != "" {
				t.Fatalf("%T hit %d sees a change made by the one before: %q %v", st, i, body, resp.Header)
			}
			body[0] = 'X'
			resp.Header.Set("X-Changed", "yes")
		}
	}
}
