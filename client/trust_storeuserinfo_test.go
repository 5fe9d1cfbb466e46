package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// keyLog is a Memory store that records the keys written to it, as whoever
// reads a shared Redis or a snapshot file sees them.
type keyLog struct {
	*store.Memory
	mu   sync.Mutex
	keys []string
}

func (k *keyLog) Set(ctx context.Context, key string, e store.Entry) error {
	k.mu.Lock()
	k.keys = append(k.keys, key)
	k.mu.Unlock()
	return k.Memory.Set(ctx, key, e)
}

// The password of a URL's userinfo is a credential (it goes as
// Authorization): it reaches a store key only through the keyed partition,
// as a header's does, never in the unkeyed hash of the URL, where whoever
// reads the keys could try passwords against it offline.
func TestStoreKeyHoldsNoUnkeyedHashOfTheUserinfo(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		u, _, _ := r.BasicAuth()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"user":"`+u+`"}`)
	})
	st := &keyLog{Memory: store.NewMemory()}
	c := client.New(client.WithStore(st), client.WithPartitionKey([]byte("replicas' key")))
	check := func(*client.Response) bool { return true }
	for _, who := range []string{"alice:hunter2", "bob:letmein"} {
		u := strings.Replace(srv.URL, "http://", "http://"+who+"@", 1) + "/me"
		for i := 0; i < 2; i++ {
			r, err := c.Request(context.Background(), client.Option{URL: u, UseStore: true, StoreCheck: check})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Data.(map[string]any)["user"]; got != strings.Split(who, ":")[0] || r.FromStore != (i == 1) {
				t.Fatalf("%s, call %d: user %v, from store %v", who, i, got, r.FromStore)
			}
		}
	}
	if len(st.keys) != 2 {
		t.Fatalf("keys written: %q", st.keys)
	}
	// An offline guess: the key's unkeyed hash, computed for a guessed
	// password, must not tell the right one.
	for _, k := range st.keys {
		for _, guess := range []string{"alice:hunter2", "bob:letmein"} {
			u := strings.Replace(srv.URL, "http://", "http://"+guess+"@", 1) + "/me"
			if strings.HasPrefix(k, store.Key(http.MethodGet, u, nil, "")+" ") {
				t.Errorf("key %q confirms the guessed password %q", k, guess)
			}
		}
	}
}
