package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// README (The store): the key is the method, the original URL with its
// query data, a SHA-256 of the body and the credential partition. An answer
// a backup gave is stored under the URL the caller asked for; other query
// data is another key.
func TestReadmeStoreKeyIsTheOriginalURLWithItsQueryData(t *testing.T) {
	dead := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	backup := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","page":"` + r.URL.Query().Get("page") + `"}`))
	})
	c := client.New(fastRetry, client.WithStore(store.NewMemory()))
	call := func(url string, page int) *client.Response {
		t.Helper()
		resp, err := c.Request(context.Background(), client.Option{URL: url, Backup: []string{backup.URL + "/conf"},
			Mode: client.ModeCORS, RetryTimes: client.NoRetry, Data: map[string]int{"page": page},
			UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if resp := call(dead.URL+"/conf", 1); resp.FromStore || backup.count.Load() != 1 {
		t.Fatalf("first call: FromStore %v, backup requests %d", resp.FromStore, backup.count.Load())
	}
	resp := call(dead.URL+"/conf", 1)
	if m, _ := resp.Data.(map[string]any); !resp.FromStore || m["page"] != "1" || dead.count.Load() != 1 || backup.count.Load() != 1 {
		t.Fatalf("the same URL again: FromStore %v, Data %v, requests %d + %d; want the stored answer, no request",
			resp.FromStore, resp.Data, dead.count.Load(), backup.count.Load())
	}
	resp = call(dead.URL+"/conf", 2)
	if m, _ := resp.Data.(map[string]any); resp.FromStore || m["page"] != "2" {
		t.Fatalf("other query data: FromStore %v, Data %v; want a miss", resp.FromStore, resp.Data)
	}
	resp = call(backup.URL+"/conf", 1)
	if resp.FromStore {
		t.Fatal("the backup's URL was answered by the entry of the original URL")
	}
}
