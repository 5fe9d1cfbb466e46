package client_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

type servedToKey struct{}

// TestTypedStoreWriteIsTheOriginsAnswer: a typed call's answer is written
// to the store once the client decoded it (StoreOnceDecoded), after the
// layers above the store had it. An outer layer that writes in the answer
// for its caller (a header naming the user, the body edited in place
// through its Bytes) wrote in that caller's answer: the next caller of the
// key, another user without credentials, must get the origin's answer, as
// an untyped call's store write (made before those layers run) gives.
func TestTypedStoreWriteIsTheOriginsAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"to":"nobody"}`))
	}))
	defer srv.Close()
	annotate := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if resp == nil {
				return resp, err
			}
			u, _ := r.Context().Value(servedToKey{}).(string)
			resp.Header.Add("X-Served-To", u)
			if bb, ok := resp.Body.(interface{ Bytes() []byte }); ok {
				b := bb.Bytes()
				if i := bytes.Index(b, []byte("nobody")); i >= 0 {
					copy(b[i:], strings.Repeat("-", len("nobody")-len(u))+u) // in place: one with the stored bytes
				}
			}
			return resp, err
		})
	}
	for _, typed := range []bool{true, false} {
		c := client.New(client.WithStore(store.NewMemory()), client.WithOuterLayers(annotate))
		for i, u := range []string{"alice", "bob"} {
			ctx := context.WithValue(context.Background(), servedToKey{}, u)
			opt := client.Option{URL: srv.URL + "/x", UseStore: true, StoreCheck: func(*client.Response) bool { return true }}
			var resp *client.Response
			var err error
			if typed {
				var r *client.Result[map[string]any]
				if r, err = client.Do[map[string]any](ctx, c, opt); r != nil {
					resp = r.Response
				}
			} else {
				resp, err = c.Request(ctx, opt)
			}
			if err != nil {
				t.Fatalf("typed=%v %s: %v", typed, u, err)
			}
			if i == 1 && !resp.FromStore {
				t.Fatalf("typed=%v: bob's call was not answered by the store", typed)
			}
			got := strings.Join(resp.Header.Values("X-Served-To"), ",") + " " + string(resp.Raw)
			if u == "bob" && strings.Contains(got, "alice") {
				t.Errorf("typed=%v: bob's stored answer holds what the outer layer wrote for alice: %s", typed, got)
			}
		}
	}
}
