package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// README (JSONP): "A timed-out attempt ends there ...: its late answer never
// answers the call, also when the callback name is yours (with jsonp: 'name'
// or callback=name, jsonp-retry gives every attempt one global function, so
// a timed-out attempt's script that loads during the next attempt or backup
// answers the call)". The first attempt's script comes late, the one call
// of its own name, and it loads while the next attempt (or the backup) is
// under way: the call is answered by that next attempt's payload alone.
func TestJSONPLateAnswerOfATimedOutAttemptNeverAnswers(t *testing.T) {
	var hits atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		cb := r.URL.Query().Get("callback")
		w.Header().Set("Content-Type", "application/javascript")
		if r.URL.Path == "/primary" && n == 1 {
			// The script starts, then stalls past the attempt's Timeout;
			// its end would arrive while the next request is answered.
			_, _ = w.Write([]byte(cb + `({"from":"late",`))
			w.(http.Flusher).Flush()
			select {
			case <-release:
			case <-r.Context().Done():
			}
			_, _ = w.Write([]byte(`"n":1});`))
			return
		}
		_, _ = w.Write([]byte(cb + `({"from":"` + r.URL.Path[1:] + `"});`))
	}))
	defer srv.Close()
	defer close(release)
	c := client.New(client.WithBaseURL(srv.URL))
	for name, opt := range map[string]client.Option{
		"JSONPCallback, retried": {URL: "/primary", JSONPCallback: "cb", Timeout: 200 * time.Millisecond},
		"callback=cb, backup": {URL: "/primary?callback=cb", JSONP: true, Timeout: 200 * time.Millisecond,
			RetryTimes: client.NoRetry, Backup: []string{"/backup"}},
	} {
		hits.Store(0)
		resp, err := c.Request(context.Background(), opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, _ := resp.Data.(map[string]any)
		want := "primary"
		if opt.Backup != nil {
			want = "backup"
		}
		if m["from"] != want || resp.Attempts != 2 || hits.Load() != 2 {
			t.Errorf("%s: Data %v after %d attempts (%d requests); want {from: %s} from the second attempt alone",
				name, resp.Data, resp.Attempts, hits.Load(), want)
		}
	}
}
