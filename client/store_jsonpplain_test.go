package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A JSONP call's store entry is keyed by its URL without the callback and
// cache-buster (README, JSONP) and holds the unwrapped payload: a plain
// call to that URL is not answered with it (the origin sends the plain URL
// something else), nor a JSONP call with the plain call's entry. A JSONP
// call of another callback name still finds the JSONP entry.
func TestStoreKeepsJSONPAndPlainAnswersApart(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if cb := r.URL.Query().Get("callback"); cb != "" {
			w.Write([]byte(cb + `({"sign":"1","from":"jsonp"})`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"sign":"1","from":"plain"}`))
	})
	c := client.New()
	fresh := func(*client.Response) bool { return true }
	plain := client.Option{URL: srv.URL + "/j", UseStore: true, StoreCheck: fresh}
	jsonp := client.Option{URL: srv.URL + "/j", JSONP: true, UseStore: true, StoreCheck: fresh}
	other := jsonp
	other.JSONP, other.JSONPCallback = false, "another"
	for i, tc := range []struct {
		opt       client.Option
		from      string
		fromStore bool
	}{
		{plain, "plain", false},
		{jsonp, "jsonp", false},
		{plain, "plain", true},
		{jsonp, "jsonp", true},
		{other, "jsonp", true},
	} {
		resp, err := c.Request(context.Background(), tc.opt)
		m, _ := resp.Data.(map[string]any)
		if err != nil || m["from"] != tc.from || resp.FromStore != tc.fromStore {
			t.Errorf("call %d: err %v, Data %#v, FromStore %v; want the %s answer, FromStore %v",
				i, err, resp.Data, resp.FromStore, tc.from, tc.fromStore)
		}
	}
	if n := srv.count.Load(); n != 2 {
		t.Errorf("the origin got %d requests, want 2", n)
	}
}
