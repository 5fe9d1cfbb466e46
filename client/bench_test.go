package client_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

const benchBody = `{"id":7,"name":"Ann","ok":true}`

type benchUser struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	OK   bool   `json:"ok"`
}

// stubTransport answers without sockets, so a benchmark measures only the
// library's own work.
var stubTransport = middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, ContentLength: int64(len(benchBody)),
		Body: io.NopCloser(strings.NewReader(benchBody)), Request: r}, nil
})

func benchNetHTTP(b *testing.B, rt http.RoundTripper, url string) {
	hc := &http.Client{Transport: rt}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		resp, err := hc.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		var u benchUser
		err = json.NewDecoder(resp.Body).Decode(&u)
		resp.Body.Close()
		if err != nil || u.ID != 7 {
			b.Fatal(err)
		}
	}
}

func benchClient(b *testing.B, c *client.Client, url string) {
	benchOption(b, c, client.Option{URL: url})
}

func benchOption(b *testing.B, c *client.Client, opt client.Option) {
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := client.Do[benchUser](ctx, c, opt)
		if err != nil || res.Value.ID != 7 {
			b.Fatal(err)
		}
	}
}

// BenchmarkStub: library cost only (no sockets).
func BenchmarkStub(b *testing.B) {
	url := "http://stub.test/user"
	b.Run("nethttp+decode", func(b *testing.B) { benchNetHTTP(b, stubTransport, url) })
	b.Run("bare", func(b *testing.B) {
		benchClient(b, client.New(client.WithTransport(stubTransport), client.WithLayers()), url)
	})
	b.Run("store_hit", func(b *testing.B) {
		c := client.New(client.WithTransport(stubTransport))
		opt := client.Option{URL: url, UseStore: true, StoreCheckKey: "name", StoreSign: "Ann"}
		if _, err := c.Request(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
		benchOption(b, c, opt)
	})
	b.Run("default_stack", func(b *testing.B) {
		benchClient(b, client.New(client.WithTransport(stubTransport)), url)
	})
}

// BenchmarkLoopback: a real keep-alive server on loopback.
func BenchmarkLoopback(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, benchBody)
	}))
	defer srv.Close()
	tr := func() *http.Transport {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 100
		return t
	}
	b.Run("nethttp+decode", func(b *testing.B) {
		t := tr()
		defer t.CloseIdleConnections()
		benchNetHTTP(b, t, srv.URL)
	})
	b.Run("bare", func(b *testing.B) {
		t := tr()
		defer t.CloseIdleConnections()
		benchClient(b, client.New(client.WithTransport(t), client.WithLayers()), srv.URL)
	})
	b.Run("default_stack", func(b *testing.B) {
		t := tr()
		defer t.CloseIdleConnections()
		benchClient(b, client.New(client.WithTransport(t)), srv.URL)
	})
}
