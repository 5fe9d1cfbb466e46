package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A call whose ctx is cancelled before it starts is aborted (ErrMsg
// "request:fail abort"), as fetch with an aborted signal rejects at once:
// the store does not answer it with data and err nil.
func TestStoreDoesNotAnswerACancelledCall(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"v":"1"}`) })
	c := fastClient()
	opt := client.Option{URL: srv.URL + "/x", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	if r, err := c.Request(context.Background(), opt); err != nil || r.FromStore {
		t.Fatalf("first: %+v %v", r, err)
	}
	if r, err := c.Request(context.Background(), opt); err != nil || !r.FromStore {
		t.Fatalf("hit: %+v %v", r, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := c.Request(ctx, opt)
	if err == nil || r.FromStore || r.ErrMsg != "request:fail abort" || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: FromStore=%v ErrMsg=%q err=%v", r.FromStore, r.ErrMsg, err)
	}
}

// The same for the HTTP cache: a fresh entry does not answer a call whose
// ctx has ended.
func TestHTTPCacheDoesNotAnswerACancelledCall(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, `{"v":"1"}`)
	})
	c := client.New(client.WithHTTPCache())
	opt := client.Option{URL: srv.URL + "/x"}
	if r, err := c.Request(context.Background(), opt); err != nil || r.FromCache {
		t.Fatalf("first: %+v %v", r, err)
	}
	if r, err := c.Request(context.Background(), opt); err != nil || !r.FromCache {
		t.Fatalf("hit: %+v %v", r, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := c.Request(ctx, opt)
	if err == nil || r.FromCache || r.ErrMsg != "request:fail abort" || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: FromCache=%v ErrMsg=%q err=%v", r.FromCache, r.ErrMsg, err)
	}
}

// Taro's sign check reads a field of the stored data: data that is text or
// an ArrayBuffer has none, so the store never answers such a call before
// the network, however its body would parse (it answered from the store).
func TestStoreSignNeedsJSONData(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"v":"1"}`) })
	for _, o := range []client.Option{
		{DataType: "text"}, {ResponseType: client.ResponseTypeArrayBuffer}, {DataType: "other"},
	} {
		c := fastClient()
		o.URL, o.UseStore, o.StoreCheckKey, o.StoreSign = srv.URL+"/x", true, "v", "1"
		for i := 0; i < 2; i++ {
			if r, err := c.Request(context.Background(), o); err != nil || r.FromStore {
				t.Fatalf("%s/%s call %d: FromStore=%v err=%v", o.DataType, o.ResponseType, i, r.FromStore, err)
			}
		}
	}
}
