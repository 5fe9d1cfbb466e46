package client_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// As the README says, a header listener hears an attempt whose body broke
// after its headers arrived (heard when they did, before the retry), and
// then the retry's answer: a 200 cut mid-body, retried, is heard twice.
func TestTaskListenerHearsAnAttemptWhoseBodyBroke(t *testing.T) {
	registered := make(chan struct{})
	cut := faultserver.CloseMidBody()
	srv := faultserver.New(t, faultserver.Then(1, func(w http.ResponseWriter, r *http.Request) {
		<-registered // the listener is on before the first headers go out
		cut(w, r)
	}, faultserver.OK(`"ok"`)))
	c := client.New(client.WithBaseURL(srv.URL))
	var heard atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	task := c.Go(ctx, client.Option{URL: "/", Success: func(*client.Response) {}})
	task.OnHeadersReceived(func(h client.Headers) {
		if h.StatusCode == 200 {
			heard.Add(1)
		}
	})
	close(registered)
	resp, err := task.Wait()
	if err != nil || resp.Data != "ok" || resp.Attempts != 2 || srv.Count() != 2 {
		t.Fatalf("resp %+v, err %v, server saw %d", resp, err, srv.Count())
	}
	if n := heard.Load(); n != 2 {
		t.Errorf("listener heard %d answers, want 2 (the broken one and the retry's)", n)
	}
}
