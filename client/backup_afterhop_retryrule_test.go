package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README, Backup: when the URL failed on a redirect hop, there is no backup
// "for a POST or PATCH the first URL answered with the redirect (it was
// applied), unless Idempotent or with an Idempotency-Key header"; a PUT,
// idempotent, fails over.
func TestBackupAfterHopFollowsTheRetryRule(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer other.Close()
	var backups atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/backup" {
			backups.Add(1)
			w.Write([]byte(`{"backup":1}`))
			return
		}
		http.Redirect(w, r, other.URL+"/done", http.StatusSeeOther) // applied; see there
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	for _, tc := range []struct {
		name     string
		opt      client.Option
		failover bool
	}{
		{"POST", client.Option{Method: "POST"}, false},
		{"PATCH", client.Option{Method: "PATCH"}, false},
		{"POST Idempotent", client.Option{Method: "POST", Idempotent: true}, true},
		{"POST Idempotency-Key", client.Option{Method: "POST", Header: http.Header{"Idempotency-Key": {"k1"}}}, true},
		{"PUT", client.Option{Method: "PUT"}, true},
	} {
		backups.Store(0)
		opt := tc.opt
		opt.URL, opt.Data, opt.Backup = "/apply", map[string]any{"n": 1}, []string{"/backup"}
		opt.Mode, opt.RetryTimes = client.ModeCORS, client.NoRetry
		resp, err := c.Request(context.Background(), opt)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := backups.Load() == 1; got != tc.failover {
			t.Errorf("%s: backup tried %v (status %d), want %v", tc.name, got, resp.StatusCode, tc.failover)
		}
		if !tc.failover && resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s: status %d, want the hop's 503 to stand", tc.name, resp.StatusCode)
		}
	}
}
