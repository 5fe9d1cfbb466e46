package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Two POSTs of the same bytes with another Content-Type are two requests
// (the origin parses them two ways): the store answers neither with the
// other's answer.
func TestStoreKeysABodyByItsMediaType(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"s","as":"`+r.Header.Get("Content-Type")+`"}`)
	})
	c := client.New()
	always := func(*client.Response) bool { return true }
	for _, ct := range []string{"application/json", "text/plain", "application/json"} {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: `{"a":1}`,
			Header: http.Header{"Content-Type": {ct}}, UseStore: true, StoreCheck: always})
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Data.(map[string]any)["as"]; got != ct {
			t.Errorf("a %s POST was answered with the answer to a %v one (from the store: %v)", ct, got, resp.FromStore)
		}
	}
	if n := srv.count.Load(); n != 2 {
		t.Errorf("the origin got %d requests; want 2 (the second JSON POST answered from the store)", n)
	}
}
