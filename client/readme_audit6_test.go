package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

func TestReadmeCallbacksOnceWithProceedTwice(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"a":1}`)) }))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		proceed(ctx, opt)
		return proceed(ctx, opt)
	})
	var s, f, comp atomic.Int32
	order := make(chan string, 10)
	o := client.Option{URL: "/x",
		Success:  func(*client.Response) { s.Add(1); order <- "s" },
		Fail:     func(*client.Response, error) { f.Add(1); order <- "f" },
		Complete: func(*client.Response, error) { comp.Add(1); order <- "c" },
	}
	c.Request(context.Background(), o)
	task := c.Go(context.Background(), o)
	task.Wait()
	type U struct{ A int }
	client.Do[U](context.Background(), c, o)
	if s.Load() != 3 || f.Load() != 0 || comp.Load() != 3 {
		t.Errorf("success %d fail %d complete %d, want 3 0 3", s.Load(), f.Load(), comp.Load())
	}
	close(order)
	var seq string
	for x := range order {
		seq += x
	}
	if seq != "scscsc" {
		t.Errorf("order %q", seq)
	}
}

func TestReadmeDataCheckNoRetrySameURL(t *testing.T) {
	var na, nb atomic.Int32
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { na.Add(1); w.Write([]byte(`{"code":1}`)) }))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { nb.Add(1); w.Write([]byte(`{"code":1}`)) }))
	defer b.Close()
	c := client.New(client.WithBaseURL(a.URL))
	chk := func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["code"] == 0.0 }
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", DataCheck: chk, Backup: []string{b.URL + "/y"}, Mode: client.ModeCORS})
	if na.Load() != 1 || nb.Load() != 1 {
		t.Errorf("primary %d backup %d, want 1 1", na.Load(), nb.Load())
	}
	if !errors.Is(err, datacheck.ErrRejected) {
		t.Errorf("err %v", err)
	}
	t.Logf("status %d attempts %d data %v err %v", resp.StatusCode, resp.Attempts, resp.Data, err)
}
