package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestEventsPostNotSentAgain: an event stream whose request is a POST or a
// PATCH (an LLM completion, an order) is not sent again to reconnect once
// it reached the server, as the retry rule has it for any POST: a clean end
// ends the sequence with Success, a break with Fail and the error. Marked
// Idempotent, or with an Idempotency-Key in any spelling, it reconnects; a
// GET or PUT always may.
func TestEventsPostNotSentAgain(t *testing.T) {
	var posts atomic.Int64
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "POST" || r.Method == "PATCH" {
			posts.Add(1)
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Content-Length", "40")
		body := "retry: 1\nid: 1\ndata: done\n\n"
		if r.URL.Path == "/cut" {
			_, _ = w.Write([]byte(body)) // short of the 40 bytes announced: a break
			return
		}
		_, _ = w.Write([]byte(body + strings.Repeat(":", 40-len(body))))
	})
	run := func(path string, opt client.Option, limit int) (events int, errs []error, ok, failed bool) {
		opt.URL = srv.URL + path
		opt.Success = func(*client.Response) { ok = true }
		opt.Fail = func(*client.Response, error) { failed = true }
		for _, err := range client.New().Events(context.Background(), opt) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if events++; events == limit {
				break
			}
		}
		return
	}
	for _, m := range []string{"POST", "patch"} {
		posts.Store(0)
		events, errs, ok, failed := run("/", client.Option{Method: m, Data: `{"prompt":"hi"}`}, 5)
		if events != 1 || len(errs) != 0 || !ok || failed || posts.Load() != 1 {
			t.Errorf("%s, clean end: %d events, errors %v, success %v, fail %v, %d sent; want 1 event, Success, sent once", m, events, errs, ok, failed, posts.Load())
		}
		posts.Store(0)
		events, errs, ok, failed = run("/cut", client.Option{Method: m, Data: `{"prompt":"hi"}`}, 5)
		var ce *client.Error
		if events != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "not sent again") || !errors.As(errs[0], &ce) || errs[0] != error(ce) || ok || !failed || posts.Load() != 1 {
			t.Errorf("%s, break: %d events, errors %v, success %v, fail %v, %d sent; want 1 event, one error saying why, Fail, sent once", m, events, errs, ok, failed, posts.Load())
		}
	}
	for name, opt := range map[string]client.Option{
		"Idempotent":       {Method: "POST", Idempotent: true},
		"idempotency-key":  {Method: "POST", Header: http.Header{"idempotency-key": {"k1"}}},
		"GET":              {},
		"PUT":              {Method: "PUT", Data: `{}`},
		"POST to /cut too": {Method: "POST", Idempotent: true, Data: `{}`},
	} {
		path := "/"
		if strings.HasSuffix(name, "too") {
			path = "/cut"
		}
		if events, errs, _, _ := run(path, opt, 3); events != 3 || len(errs) != 0 {
			t.Errorf("%s: %d events, errors %v; want it to reconnect for 3", name, events, errs)
		}
	}
}
