package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// The media type a store key counts is the caller's Content-Type, which
// need not parse: one that reads like the key's own suffixes (" mode=cors")
// must not make a same-origin call's key the key of a cors call, whose
// answer a redirect brought from another origin.
func TestStoreKeyMediaTypeCannotSpellAnotherMode(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		io.WriteString(w, `{"from":"other origin"}`)
	}))
	t.Cleanup(other.Close)
	home := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") == "text/plain" {
			http.Redirect(w, r, other.URL+"/x", http.StatusTemporaryRedirect)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"from":"home"}`)
	})
	c := client.New(client.WithBaseURL(home.URL), client.WithStore(store.NewMemory()))
	always := func(*client.Response) bool { return true }
	resp, err := c.Request(context.Background(), client.Option{URL: "/p", Method: "POST", Data: "same bytes",
		Header: http.Header{"Content-Type": {"text/plain"}}, Mode: client.ModeCORS, UseStore: true, StoreCheck: always})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Data.(map[string]any)["from"]; got != "other origin" {
		t.Fatalf("the cors call got %v; want the other origin's answer", got)
	}
	resp, err = c.Request(context.Background(), client.Option{URL: "/p", Method: "POST", Data: "same bytes",
		Header: http.Header{"Content-Type": {"text/plain mode=cors"}}, UseStore: true, StoreCheck: always})
	if err != nil {
		t.Fatal(err)
	}
	if resp.FromStore || resp.Data.(map[string]any)["from"] != "home" {
		t.Errorf("a same-origin call was answered with %v (from the store: %v), the cors call's answer from another origin",
			resp.Data, resp.FromStore)
	}
}
