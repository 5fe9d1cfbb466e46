package client_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Client.Go returns before its request is built: the Header and Backup of
// the Option it was given were read later, on the Task's goroutine, so a
// caller that reused its header for the next call (another user's token)
// sent the first request with the second's credentials, and raced with the
// Task (go test -race). Taro's request reads its header when it is called;
// Go now copies them before it returns.
func TestGoCopiesHeaderAndBackup(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.URL.Path] += r.Header.Get("Authorization")
		mu.Unlock()
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	defer srv.Close()
	release := make(chan struct{})
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(
		func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
			<-release // the caller has changed its header and backups by then
			return p(ctx, o)
		}))
	defer c.CloseIdleConnections()
	h := http.Header{"Authorization": {"Bearer A"}}
	backups := []string{srv.URL + "/a-backup"}
	opt := client.Option{URL: "/down", Header: h, Backup: backups, RetryTimes: client.NoRetry}
	taskA := c.Go(context.Background(), opt)
	h.Set("Authorization", "Bearer B")
	backups[0] = srv.URL + "/b-backup"
	close(release)
	resp, err := taskA.Wait()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, err %v", resp.StatusCode, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got["/down"] != "Bearer A" || got["/a-backup"] != "Bearer A" || got["/b-backup"] != "" {
		t.Fatalf("the Task's request went with what the caller set after Go: %q", got)
	}
}
