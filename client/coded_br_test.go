package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A br answer the request did not ask for (go-httpbin's /response-headers
// can send one; a CDN may) comes as its coded bytes: the decode error says
// so, where it said only "invalid character" of bytes that are not the
// server's JSON.
func TestABrotliAnswerSaysItIsCoded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "br")
		w.Write([]byte("\xef\x8b\x05\x80{\"a\":1}\x03"))
	}))
	defer srv.Close()
	c := client.New()
	res, err := c.Request(context.Background(), client.Option{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if res.Data != nil || res.DecodeErr == nil || !strings.Contains(res.DecodeErr.Error(), `coded "br"`) ||
		!errors.Is(res.DecodeErr, client.ErrDecode) {
		t.Errorf("Request: data %v, DecodeErr %v: want nil data and an ErrDecode that names br", res.Data, res.DecodeErr)
	}
	_, err = client.Do[map[string]int](context.Background(), c, client.Option{URL: srv.URL})
	if err == nil || !strings.Contains(err.Error(), `coded "br"`) || !errors.Is(err, client.ErrDecode) {
		t.Errorf("Do: %v: want an ErrDecode that names br", err)
	}
	// An answer without a coding says nothing of one.
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("{not json"))
	}))
	defer plain.Close()
	res, err = c.Request(context.Background(), client.Option{URL: plain.URL})
	if err != nil || res.DecodeErr == nil || strings.Contains(res.DecodeErr.Error(), `coded "`) {
		t.Errorf("plain: %v, DecodeErr %v", err, res.DecodeErr)
	}
}
