package client_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// Two clients of different origins (their base URLs) sharing one storage
// make cors calls to the same API, which answers each Origin with its own
// data and Vary: Origin. Each client's Origin is set below the store, the
// same for each of its calls, but the key does not count it: one client's
// answer must not answer the other's call.
func TestStoreSharedByTwoOriginsHonoursVaryOrigin(t *testing.T) {
	api := echoServer(t, "Origin")
	shared := store.NewMemory()
	a, b := newRecorder(t, nil), newRecorder(t, nil)
	for _, site := range []*recorder{a, b} {
		c := client.New(client.WithBaseURL(site.URL), client.WithStore(shared))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r, err := c.Request(ctx, client.Option{URL: api.URL + "/conf", Mode: client.ModeCORS, UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(r.Data.(map[string]any)["who"]); got != site.URL {
			t.Errorf("the client of %s got the answer for %q (FromStore %v)", site.URL, got, r.FromStore)
		}
	}
}
