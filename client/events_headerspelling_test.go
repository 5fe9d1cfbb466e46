package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Events sets Accept: text/event-stream unless the caller set an Accept,
// and Cache-Control: no-cache in place of the caller's. A name spelled in
// another case ("accept", "cache-control") was not seen: the caller's
// Accept went with text/event-stream beside it, and their Cache-Control
// beside no-cache. Names are case-insensitive, as everywhere else.
func TestEventsHeaderNamesAnyCase(t *testing.T) {
	var accept, cc []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept, cc = r.Header.Values("Accept"), r.Header.Values("Cache-Control")
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("data: x\n\n"))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	defer c.CloseIdleConnections()
	for _, h := range []http.Header{
		{"accept": {"application/x-ndjson"}, "cache-control": {"max-age=5"}},
		{"Accept": {"application/x-ndjson"}, "Cache-Control": {"max-age=5"}},
	} {
		for ev, err := range c.Events(context.Background(), client.Option{URL: "/ev", Header: h, RetryTimes: client.NoRetry}) {
			if err != nil || ev.Data != "x" {
				t.Fatalf("%v: event %+v, %v", h, ev, err)
			}
			break
		}
		if len(accept) != 1 || accept[0] != "application/x-ndjson" || len(cc) != 1 || cc[0] != "no-cache" {
			t.Errorf("%v: sent Accept %q, Cache-Control %q; want the caller's Accept alone and no-cache alone", h, accept, cc)
		}
	}
}
