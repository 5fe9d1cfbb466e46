package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

type zzHostileStore struct{ data []byte }

func (s zzHostileStore) Get(context.Context, string) (store.Entry, bool, error) {
	var e store.Entry
	if err := e.UnmarshalBinary(bytes.Clone(s.data)); err != nil {
		return store.Entry{}, false, err
	}
	return e, true, nil
}
func (zzHostileStore) Set(context.Context, string, store.Entry) error { return nil }
func (zzHostileStore) Delete(context.Context, string) error           { return nil }

// FuzzHostileStoreEntry: a shared store (Redis) answering with any entry
// that decodes must not make a call panic.
func FuzzHostileStoreEntry(f *testing.F) {
	seed := func(status int, h http.Header, body string) []byte {
		b, _ := store.Entry{StatusCode: status, Header: h, Body: []byte(body), URL: "http://fuzz.test/x", StoredAt: time.Now()}.MarshalBinary()
		return b
	}
	f.Add(seed(200, http.Header{"Content-Type": {"application/json"}}, `{"v":"1"}`), uint8(0))
	f.Add(seed(0, http.Header{"Content-Encoding": {"gzip"}, "Content-Length": {"-1"}}, `{"v":1}`), uint8(1))
	f.Add(seed(101, http.Header{"": {""}, "Location": {"::"}}, `cb({"v":"1"})`), uint8(2))
	f.Add(seed(206, http.Header{"Content-Range": {"bytes 9-1/0"}, "Content-Type": {"text/event-stream"}}, "data: x\n\n"), uint8(7))
	f.Add(seed(304, http.Header{"Taroreq-Cache-Gen": {"g"}, "Taroreq-Cache-Meta": {"0 0 99999999999999 -"}}, ""), uint8(11))
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		rt := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			st := 200
			if flags&1 != 0 {
				st = 503
			}
			return &http.Response{StatusCode: st, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader([]byte(`{"v":"2"}`))), Request: r}, nil
		})
		st := zzHostileStore{data}
		opts := []client.ClientOption{client.WithBaseURL("http://fuzz.test"), client.WithTransport(rt), client.WithStore(st)}
		if flags&8 != 0 {
			opts = append(opts, client.WithHTTPCache(httpcache.WithStorage(st)))
		}
		c := client.New(opts...)
		opt := client.Option{URL: "/x", UseStore: true, StoreCheckKey: "v", StoreSign: "1", JSONP: flags&2 != 0,
			EnableChunked: flags&4 != 0, RetryTimes: client.NoRetry, Timeout: time.Second}
		if flags&16 != 0 {
			opt.ResponseType = client.ResponseTypeArrayBuffer
		}
		if flags&32 != 0 {
			opt.DataType = "text"
		}
		if flags&64 != 0 {
			opt.Mode = client.ModeNoCORS
		}
		if flags&128 != 0 {
			opt.StoreCheck = func(*client.Response) bool { return true }
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		resp, err := c.Request(ctx, opt)
		zzCheck(t, resp, err)
		if resp.Body != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		opt.EnableChunked = false
		client.Do[map[string]any](ctx, c, opt)
	})
}
