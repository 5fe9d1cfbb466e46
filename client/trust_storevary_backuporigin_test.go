package client_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// The store's key counts the Origin the client sets on a cors call's first
// URL (fc263e7), not the one it sets on a backup of another origin: a call
// whose first URL is of the client's own origin is keyed with no Origin,
// and its backup's answer, made for the client's Origin (Vary: Origin),
// was written there. A client without a base URL (every request of its
// own origin: no Origin sent) sharing the storage was then served that
// answer for its call of the same URLs, as the network would never have
// answered it.
func TestStoreKeepsNoBackupAnswerVaryingByTheOriginTheClientSet(t *testing.T) {
	api := echoServer(t, "Origin")
	down := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	shared := store.NewMemory()
	opt := client.Option{URL: down.URL + "/conf", Backup: []string{api.URL + "/conf"}, Mode: client.ModeCORS,
		UseStore: true, StoreCheckKey: "v", StoreSign: "1", RetryTimes: client.NoRetry}
	for _, site := range []struct {
		c      *client.Client
		origin string // what it sends the backup
	}{
		{client.New(client.WithBaseURL(down.URL), client.WithStore(shared)), down.URL},
		{client.New(client.WithStore(shared)), ""},
	} {
		c := site.c
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r, err := c.Request(ctx, opt)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(r.Data.(map[string]any)["who"]); got != site.origin {
			t.Errorf("the client sending Origin %q got the answer for %q (FromStore %v)", site.origin, got, r.FromStore)
		}
	}
}
