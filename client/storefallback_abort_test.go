package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A POST stored once, then sent again with a backup while the caller gives
// up: the store's stale fallback must not answer a call the caller ended.
func TestStoreFallbackNeverAnswersCancelledPost(t *testing.T) {
	var hang atomic.Bool
	started := make(chan struct{}, 4)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() {
			started <- struct{}{}
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"1"}`)
	})
	backupSrv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	c := fastClient()
	opt := client.Option{URL: srv.URL + "/p", Method: "POST", Data: map[string]any{"a": 1}, UseStore: true,
		Backup: []string{backupSrv.URL + "/p"}, Mode: client.ModeCORS, Timeout: 5 * time.Second}
	if r, err := c.Request(context.Background(), opt); err != nil || r.FromStore {
		t.Fatalf("first: %+v %v", r, err)
	}
	hang.Store(true)

	t.Run("ctx cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		go func() { <-started; cancel() }()
		r, err := c.Request(ctx, opt)
		if err == nil || r.FromStore || r.ErrMsg != "request:fail abort" {
			t.Fatalf("cancelled call answered: FromStore=%v ErrMsg=%q err=%v", r.FromStore, r.ErrMsg, err)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
	})
	t.Run("abort", func(t *testing.T) {
		task := c.Go(context.Background(), opt)
		<-started
		task.Abort()
		r, err := task.Wait()
		if err == nil || r.FromStore || r.ErrMsg != "request:fail abort" {
			t.Fatalf("aborted call answered: FromStore=%v ErrMsg=%q err=%v", r.FromStore, r.ErrMsg, err)
		}
	})
}
