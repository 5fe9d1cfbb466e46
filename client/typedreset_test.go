package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

type userAccount struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

// Do's Value is the answer it returns, decoded alone: nothing of an answer
// that DataCheck refused (another URL's) or StoreCheck refused (stored
// data) is merged into it.
func TestDoValueHoldsOnlyItsAnswer(t *testing.T) {
	var fresh atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/primary":
			_, _ = w.Write([]byte(`{"id":1,"name":"mallory","admin":true}`))
		case r.URL.Path == "/stored" && !fresh.Load():
			_, _ = w.Write([]byte(`{"id":1,"name":"old","admin":true}`))
		default:
			_, _ = w.Write([]byte(`{"id":2}`))
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()

	res, err := client.Do[userAccount](ctx, c, client.Option{URL: "/primary", Backup: []string{"/backup"},
		DataCheck: func(r *client.Response) bool { return r.Data.(userAccount).ID != 1 }})
	if err != nil || res.Value != (userAccount{ID: 2}) || res.Data != (userAccount{ID: 2}) {
		t.Fatalf("after a DataCheck refusal: Value %+v Data %+v (Raw %s), %v", res.Value, res.Data, res.Raw, err)
	}

	opt := client.Option{URL: "/stored", UseStore: true, StoreCheck: func(*client.Response) bool { return false }}
	if _, err := client.Do[userAccount](ctx, c, opt); err != nil {
		t.Fatal(err)
	}
	fresh.Store(true)
	res, err = client.Do[userAccount](ctx, c, opt)
	if err != nil || res.Value != (userAccount{ID: 2}) || res.Data != (userAccount{ID: 2}) {
		t.Fatalf("after a StoreCheck refusal: Value %+v Data %+v (Raw %s), %v", res.Value, res.Data, res.Raw, err)
	}
}
