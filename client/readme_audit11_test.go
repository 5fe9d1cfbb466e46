package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestReadme205Empty(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "7")
		w.WriteHeader(205)
		w.Write([]byte(`{"a":1}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, rt := range []string{"", "arraybuffer"} {
		for _, dt := range []string{"", "text"} {
			resp, err := c.Request(context.Background(), client.Option{URL: "/x", DataType: dt, ResponseType: rt})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("rt=%q dt=%q data %#v raw %q", rt, dt, resp.Data, resp.Raw)
			if len(resp.Raw) != 0 {
				t.Errorf("205 body kept: %q", resp.Raw)
			}
		}
	}
	resp, _ := c.Request(context.Background(), client.Option{URL: "/x", ResponseType: "arraybuffer"})
	if _, ok := resp.Data.([]byte); !ok {
		t.Errorf("arraybuffer Data %T", resp.Data)
	}
}
