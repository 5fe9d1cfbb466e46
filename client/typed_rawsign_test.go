package client_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestDoRawDataHasNoSignField: Do[string] with DataType text and
// Do[[]byte] with ResponseType arraybuffer get the body as Request's Data
// has it, text or bytes, which have no field for Taro's sign check: as for
// Request with the same options, a UseStore call with StoreCheckKey and
// StoreSign goes to the network each time, even when the body happens to
// be JSON whose field equals the sign. Do[T] of a struct with DataType text
// still decodes JSON and is checked.
func TestDoRawDataHasNoSignField(t *testing.T) {
	n := 0
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		_, _ = fmt.Fprintf(w, `{"v":"1","n":%d}`, n)
	})
	c := client.New(client.WithStore(store.NewMemory()))
	ctx := context.Background()
	opt := func(path string) client.Option {
		return client.Option{URL: srv.URL + path, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	}
	twice := func(name string, call func() (bool, error)) {
		t.Helper()
		for i := 0; i < 2; i++ {
			fromStore, err := call()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if fromStore {
				t.Fatalf("%s: call %d answered from the store by a sign check of a field its data has not", name, i+1)
			}
		}
	}
	text := opt("/request")
	text.DataType = "text"
	twice("Request text", func() (bool, error) {
		r, err := c.Request(ctx, text)
		return r.FromStore, err
	})
	text.URL = srv.URL + "/string"
	twice("Do[string] text", func() (bool, error) {
		r, err := client.Do[string](ctx, c, text)
		return r.FromStore, err
	})
	text.URL = srv.URL + "/any"
	twice("Do[any] text", func() (bool, error) {
		r, err := client.Do[any](ctx, c, text)
		return r.FromStore, err
	})
	bin := opt("/bytes")
	bin.ResponseType = client.ResponseTypeArrayBuffer
	twice("Do[[]byte] arraybuffer", func() (bool, error) {
		r, err := client.Do[[]byte](ctx, c, bin)
		return r.FromStore, err
	})

	type doc struct {
		V string `json:"v"`
		N int    `json:"n"`
	}
	text.URL = srv.URL + "/struct"
	first, err := client.Do[doc](ctx, c, text)
	if err != nil || first.FromStore {
		t.Fatalf("Do[doc] text: %v, from store %v", err, first.FromStore)
	}
	second, err := client.Do[doc](ctx, c, text)
	if err != nil || !second.FromStore || second.Value != first.Value {
		t.Fatalf("Do[doc] text again: %+v from store %v, %v; want %+v from the store (its JSON has the field)", second.Value, second.FromStore, err, first.Value)
	}
}
