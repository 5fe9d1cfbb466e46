package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A Task's header listeners are called in the order they were registered,
// as Taro's onHeadersReceived listeners (and the Task's chunk listeners)
// are, also after one of them was removed: they were kept in a map, whose
// iteration order Go randomises, so a listener registered first often ran
// after later ones.
func TestHeadersListenersRunInRegistrationOrder(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("{}"))
	}))
	defer srv.Close()
	for range 20 {
		release := make(chan struct{})
		c := client.New()
		c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
			<-release // the listeners are all registered before the answer
			return p(ctx, o)
		})
		task := c.Go(context.Background(), client.Option{URL: srv.URL})
		var order []int
		ids := make([]int, 6)
		for j := range ids {
			ids[j] = task.OnHeadersReceived(func(client.Headers) { order = append(order, j) })
		}
		task.OffHeadersReceived(ids[2])
		close(release)
		if _, err := task.Wait(); err != nil {
			t.Fatal(err)
		}
		c.CloseIdleConnections()
		if got := fmt.Sprint(order); got != "[0 1 3 4 5]" {
			t.Fatalf("listeners called in the order %s, want [0 1 3 4 5]", got)
		}
	}
}
