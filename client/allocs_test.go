package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// TestAllocsPerRequest pins what a request through the default stack
// allocates beyond its transport (a stub here): a struct query, a DataCheck,
// the store with a miss and a write, a backup, a typed decode. A change that
// adds an allocation to every request fails it; lower the bound when one
// goes.
func TestAllocsPerRequest(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	type query struct {
		Page int    `json:"page"`
		Q    string `json:"q"`
	}
	type payload struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	const body = `{"id":7,"name":"Ann"}`
	stub := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	})
	c := client.New(client.WithTransport(stub))
	check := func(r *client.Response) bool { return r.StatusCode == 200 }
	run := func() {
		opt := client.Option{URL: "http://api.test/small", Data: query{Page: 2, Q: "taro"},
			Backup: []string{"http://api.test/small?backup=1"}, DataCheck: check, UseStore: true,
			StoreCheckKey: "id", StoreSign: "never"}
		res, err := client.Do[payload](context.Background(), c, opt)
		if err != nil || res.Value.ID != 7 {
			t.Fatalf("%v %+v", err, res)
		}
	}
	run()
	// The stub's own: the response, its header map and slice, the body
	// reader and its NopCloser.
	const stubAllocs = 5
	const max = 17
	if n := testing.AllocsPerRun(200, run) - stubAllocs; n > max {
		t.Errorf("%.0f allocations per request beyond the transport's, want at most %d", n, max)
	}
}

// TestAllocsPerStoreHit pins what a store hit through Do allocates: a
// StoreCheck that accepts the stored data, a typed decode the memo
// answers. The transport is asked once, for the write.
func TestAllocsPerStoreHit(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	type payload struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	const body = `{"id":7,"name":"Ann"}`
	sent := 0
	stub := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	})
	c := client.New(client.WithTransport(stub))
	always := func(*client.Response) bool { return true }
	run := func() {
		opt := client.Option{URL: "http://api.test/small", UseStore: true, StoreCheck: always}
		res, err := client.Do[payload](context.Background(), c, opt)
		if err != nil || res.Value.ID != 7 {
			t.Fatalf("%v %+v", err, res)
		}
	}
	run()
	// The result, the built request (with its Call), the header map, the
	// check's closure and its Response, the entry's header copy (map,
	// its group, the values), its body copy, the response.
	const max = 10
	if n := testing.AllocsPerRun(200, run); n > max {
		t.Errorf("%.0f allocations per store hit, want at most %d", n, max)
	}
	if sent != 1 {
		t.Errorf("the transport was asked %d times, want 1 (the write)", sent)
	}
}
