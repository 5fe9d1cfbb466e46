package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A DataCheck judging the store's data, a hit before the network or the
// fallback once every URL failed, is told so by Response.FromStore, as
// StoreCheck is: the store said it answered only once the check had
// accepted, so the check saw FromStore false for the store's data too.
// The network's answers stay FromStore false.
func TestDataCheckSeesFromStore(t *testing.T) {
	var failing atomic.Bool
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if failing.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"from":"network","ok":false}`))
			return
		}
		_, _ = w.Write([]byte(`{"from":"network","ok":true}`))
	}))
	defer api.Close()
	type seen struct {
		status    int
		fromStore bool
	}
	var mu sync.Mutex
	var judged []seen
	check := func(r *client.Response) bool {
		mu.Lock()
		judged = append(judged, seen{r.StatusCode, r.FromStore})
		mu.Unlock()
		m, _ := r.Data.(map[string]any)
		return m["ok"] == true
	}
	take := func() []seen {
		mu.Lock()
		defer mu.Unlock()
		s := judged
		judged = nil
		return s
	}
	c := client.New()
	call := func(storeCheck func(*client.Response) bool) *client.Response {
		t.Helper()
		r, err := c.Request(context.Background(), client.Option{URL: api.URL + "/conf", UseStore: true,
			StoreCheck: storeCheck, DataCheck: check, RetryTimes: client.NoRetry})
		if err != nil {
			t.Fatalf("call: %v", err)
		}
		return r
	}
	always := func(*client.Response) bool { return true }
	never := func(*client.Response) bool { return false }

	// The network's answer, then stored.
	if r := call(never); r.FromStore {
		t.Fatalf("first call FromStore")
	}
	if got := take(); len(got) != 1 || got[0].fromStore {
		t.Fatalf("network answer judged as %+v, want one FromStore false", got)
	}
	// A store hit before the network.
	if r := call(always); !r.FromStore {
		t.Fatalf("hit: FromStore false")
	}
	if got := take(); len(got) != 1 || !got[0].fromStore {
		t.Errorf("store hit judged as %+v, want one FromStore true", got)
	}
	// The fallback: the network's 503 judged as the network's, the
	// stored data as the store's.
	failing.Store(true)
	if r := call(never); !r.FromStore {
		t.Fatalf("fallback: FromStore false (%s)", r.ErrMsg)
	}
	got := take()
	stored := 0
	for _, s := range got {
		if s.status == http.StatusServiceUnavailable && s.fromStore {
			t.Errorf("the network's 503 judged as the store's: %+v", got)
		}
		if s.status == http.StatusOK && s.fromStore {
			stored++
		}
	}
	if stored != 1 {
		t.Errorf("fallback judged as %+v, want the stored 200 once with FromStore true", got)
	}
}
