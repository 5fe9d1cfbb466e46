package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// The spec (Retry): "The body of a discarded response is drained (bounded)
// and closed so the connection is reused." Held through the whole default
// stack (store, backup, datacheck, retry, breaker, timeout): every answer
// the call discards has a body of some kilobytes, and one connection
// serves every attempt and every URL of the call, as long as the URLs are
// one server's.
func TestDiscardedAnswersKeepTheConnection(t *testing.T) {
	page := strings.Repeat("x", 8<<10) // an error page, bigger than a read buffer
	okJSON := `{"code":0}`
	check := func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["code"] == 0.0 }

	for _, tc := range []struct {
		name     string
		failures int32 // answers before the good one
		status   int   // of the failures
		opt      func(url string) client.Option
	}{
		{"retried 503s", 2, 503, func(u string) client.Option { return client.Option{URL: u + "/a"} }},
		{"budget spent, then the backup", 3, 503, func(u string) client.Option {
			return client.Option{URL: u + "/a", Backup: []string{u + "/b"}}
		}},
		{"DataCheck rejected, then the backup", 1, 200, func(u string) client.Option {
			return client.Option{URL: u + "/a", Backup: []string{u + "/b"}, DataCheck: check}
		}},
		{"streamed, retried 503s", 2, 503, func(u string) client.Option {
			return client.Option{URL: u + "/a", EnableChunked: true}
		}},
		{"streamed, budget spent, then the backup", 3, 502, func(u string) client.Option {
			return client.Option{URL: u + "/a", EnableChunked: true, Backup: []string{u + "/b"}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) <= tc.failures {
					w.WriteHeader(tc.status)
					io.WriteString(w, `{"code":1,"page":"`+page+`"}`)
					return
				}
				io.WriteString(w, okJSON)
			})
			c := fastClient()
			defer c.CloseIdleConnections()
			resp, err := c.Request(context.Background(), tc.opt(srv.URL))
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("status %d err %v", resp.StatusCode, err)
			}
			if resp.Body != nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if srv.Count() != int(tc.failures)+1 {
				t.Fatalf("%d requests, want %d", srv.Count(), tc.failures+1)
			}
			if c := srv.Conns(); c != 1 {
				t.Errorf("%d connections for %d requests, want 1: a discarded answer was not drained", c, srv.Count())
			}
		})
	}
}
