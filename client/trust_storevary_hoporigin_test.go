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

// A cors call's redirect hop to another origin is keyed by the Origin the
// client sets on it (planFor), but a client without a base URL sets none,
// and its hop was keyed as the call's first request is: the answer its
// hop brought, made for no Origin (Vary: Origin), then answered the first
// request of a client of an origin sharing the storage, whose own hop
// would have gone with its Origin. Two clients of one origin still share
// their entries.
func TestStoreKeysAHopOfAClientWithoutOriginApart(t *testing.T) {
	api := echoServer(t, "Origin")
	site := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", api.URL+"/conf")
		w.WriteHeader(http.StatusFound)
	})
	shared := store.NewMemory()
	opt := client.Option{URL: site.URL + "/start", Mode: client.ModeCORS, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	for i, caller := range []struct {
		c      *client.Client
		origin string // what its hop sends the API
		stored bool   // answered from the store
	}{
		{client.New(client.WithStore(shared)), "", false},
		{client.New(client.WithBaseURL(site.URL), client.WithStore(shared)), site.URL, false},
		{client.New(client.WithBaseURL(site.URL), client.WithStore(shared)), site.URL, true},
		{client.New(client.WithStore(shared)), "", true},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r, err := caller.c.Request(ctx, opt)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(r.Data.(map[string]any)["who"]); got != caller.origin || r.FromStore != caller.stored {
			t.Errorf("call %d, sending Origin %q: got the answer for %q (FromStore %v, want %v)", i, caller.origin, got, r.FromStore, caller.stored)
		}
	}
}
