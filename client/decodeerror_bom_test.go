package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// The server's error document is read as its data would be: a leading
// UTF-8 BOM skipped, and bytes that are not UTF-8 replaced as fetch's json()
// replaces them; an empty body is still no E.
func TestDecodeErrorReadsTheBodyAsData(t *testing.T) {
	type apiErr struct {
		Code int
		Msg  string
	}
	for _, tc := range []struct {
		body string
		ok   bool
		msg  string
	}{
		{"\uFEFF{\"Code\":7,\"Msg\":\"bad\"}", true, "bad"},
		{"{\"Code\":7,\"Msg\":\"x\xE2\x82\"}", true, "x\uFFFD"},
		{"", false, ""},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			w.Write([]byte(tc.body))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, _ := c.Request(context.Background(), client.Option{URL: "/e"})
		_, err := client.Do[struct{}](context.Background(), c, client.Option{URL: "/e"})
		srv.Close()
		e, ok := client.DecodeError[apiErr](err)
		if ok != tc.ok || e.Msg != tc.msg {
			t.Errorf("body %q: DecodeError = %+v, %v; want Msg %q, %v (Data of the same answer: %v)", tc.body, e, ok, tc.msg, tc.ok, resp.Data)
		}
	}
}
