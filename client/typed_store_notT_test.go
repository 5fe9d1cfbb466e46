package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestTypedCallKeepsNoAnswerThatIsNoT: a typed call's 2xx body that is no
// T (a captive portal's HTML where JSON was) fails the call with ErrDecode
// and is not written to the store: it was, replacing the good entry, so
// once the origin failed the stale fallback failed with ErrDecode too,
// where it should answer with the last T. With a DataCheck that accepts
// the body, the same.
func TestTypedCallKeepsNoAnswerThatIsNoT(t *testing.T) {
	type user struct {
		ID int `json:"id"`
	}
	for _, withCheck := range []bool{false, true} {
		var phase atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch phase.Load() {
			case 0:
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{"id":7}`))
			case 1:
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(`<html>sign in to the wifi</html>`))
			default:
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		}))
		c := client.New()
		opt := client.Option{URL: srv.URL + "/me", UseStore: true, RetryTimes: client.NoRetry}
		if withCheck {
			opt.DataCheck = func(*client.Response) bool { return true }
		}
		ctx := context.Background()
		if res, err := client.Do[user](ctx, c, opt); err != nil || res.Value.ID != 7 {
			t.Fatalf("check %v: first call %+v, %v", withCheck, res, err)
		}
		phase.Store(1)
		if _, err := client.Do[user](ctx, c, opt); !errors.Is(err, client.ErrDecode) {
			t.Fatalf("check %v: HTML answer: %v, want ErrDecode", withCheck, err)
		}
		phase.Store(2)
		res, err := client.Do[user](ctx, c, opt)
		if err != nil || res.Value.ID != 7 || !res.FromStore {
			t.Errorf("check %v: origin down: %+v, %v; want the stored T (id 7) from the stale fallback", withCheck, res, err)
		}
		c.CloseIdleConnections()
		srv.Close()
	}
}
