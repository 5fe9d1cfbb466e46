package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestProceedFromSeveralGoroutines: an interceptor may call proceed from
// several goroutines at once (a hedged request), as Proceed's doc says:
// each call gets its own answer, with the store and the HTTP cache in the
// stack too, and the Task's headers listener hears every answer.
func TestProceedFromSeveralGoroutines(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"q":%q}`, r.URL.Query().Get("q"))
	}))
	defer srv.Close()
	var registered chan struct{} // closed once the test's listener is on
	hedge := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		<-registered
		var wg sync.WaitGroup
		res := make([]*client.Response, 3)
		errs := make([]error, 3)
		for i := range res {
			wg.Go(func() {
				o := opt
				o.URL = fmt.Sprintf("%s/?q=%d", srv.URL, i)
				res[i], errs[i] = proceed(ctx, o)
			})
		}
		wg.Wait()
		for i := range res {
			if m, _ := res[i].Data.(map[string]any); errs[i] != nil || m["q"] != fmt.Sprint(i) {
				t.Errorf("proceed %d: %v, %v", i, res[i].Data, errs[i])
			}
		}
		return res[2], errs[2]
	}
	for name, opts := range map[string][]client.ClientOption{
		"default":   {client.WithInterceptors(hedge)},
		"httpcache": {client.WithInterceptors(hedge), client.WithHTTPCache()},
	} {
		c := client.New(opts...)
		for range 5 {
			var heard atomic.Int32
			registered = make(chan struct{})
			task := c.Go(context.Background(), client.Option{URL: srv.URL, Mode: client.ModeCORS, UseStore: true})
			task.OnHeadersReceived(func(client.Headers) { heard.Add(1) })
			close(registered)
			r, err := task.Wait()
			if m, _ := r.Data.(map[string]any); err != nil || m["q"] != "2" {
				t.Fatalf("%s: %v, %v", name, r.Data, err)
			}
			if heard.Load() != 3 {
				t.Errorf("%s: the headers listener heard %d answers, want 3", name, heard.Load())
			}
		}
	}
}
