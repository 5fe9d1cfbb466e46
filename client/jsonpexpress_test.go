package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Express's res.jsonp answer reaches the caller as data, in one attempt.
func TestJSONPExpressAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb := r.URL.Query().Get("callback")
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprintf(w, "/**/ typeof %s === 'function' && %s({\"a\":1});", cb, cb)
	}))
	defer srv.Close()
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, JSONP: true})
	if err != nil || resp.Attempts != 1 {
		t.Fatalf("%v after %d attempts", err, resp.Attempts)
	}
	if m, ok := resp.Data.(map[string]any); !ok || m["a"] != float64(1) {
		t.Fatalf("data %#v", resp.Data)
	}
}
