package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README, Security (store): "a no-cors call's, opaque, is not stored". A
// no-cors call of the client's origin that lists a backup of another origin
// is opaque, but the store keys its answer by the first URL alone: the
// other origin's answer, kept under the client's own URL, was then read
// whole (body and headers) by a later no-cors call of that URL without the
// backup, from the store before the network or as its stale fallback.
func TestNoCORSAnswerOfABackupOfAnotherOriginIsNotStored(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Other", "other-origin-header")
		w.Write([]byte(`{"code":"ok","secret":"other-origin-body"}`))
	}))
	defer other.Close()
	var down atomic.Bool
	down.Store(true)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"code":"ok","own":1}`))
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	ctx := context.Background()
	base := client.Option{URL: "/own", Mode: client.ModeNoCORS, UseStore: true, RetryTimes: client.NoRetry,
		StoreCheckKey: "code", StoreSign: "ok"}

	first := base
	first.Backup = []string{other.URL + "/b"}
	resp, err := c.Request(ctx, first)
	if err != nil || resp.StatusCode != 0 || resp.Data != nil {
		t.Fatalf("the call with the other origin's backup: %v, status %d, data %v: want it opaque", err, resp.StatusCode, resp.Data)
	}

	for _, opt := range []client.Option{base, {URL: "/own", Mode: client.ModeNoCORS, UseStore: true, RetryTimes: client.NoRetry}} {
		resp, err = c.Request(ctx, opt) // the own URL still down: a stored answer would be all there is
		if resp.FromStore || strings.Contains(string(resp.Raw), "other-origin-body") || resp.Header.Get("X-Other") != "" {
			t.Fatalf("a no-cors call of the client's origin read the other origin's answer from the store: %v, status %d, data %v, header %v",
				err, resp.StatusCode, resp.Data, resp.Header)
		}
	}

	down.Store(false)
	resp, err = c.Request(ctx, base)
	if m, _ := resp.Data.(map[string]any); err != nil || m["own"] != 1.0 {
		t.Errorf("the own URL back: %v, data %v, want its own answer", err, resp.Data)
	}
}
