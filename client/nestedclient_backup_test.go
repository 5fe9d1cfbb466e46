package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A client over another client's Transport() tries its call's Backup
// itself: the inner client, which sees the same call, used to fail over to
// it too, so the backup's answer came back as the primary's (Response.URL
// the failed URL, the outer store and HTTP cache filing it there, its
// Set-Cookie filed under the primary's origin: review24b, trustfuzz24).
// Each URL is asked once, through the inner client as a request of its
// own, and the answer says the backup's URL, as a single client's does.
func TestNestedClientLeavesTheCallsBackupsToTheCallingClient(t *testing.T) {
	var mu sync.Mutex
	var asked, through []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer api.Close()
	inner := client.New()
	seen := func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		through = append(through, r.URL.Path)
		mu.Unlock()
		return inner.Transport().RoundTrip(r)
	}
	outer := client.New(client.WithTransport(middleware.RoundTripperFunc(seen)))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := outer.Request(ctx, client.Option{URL: api.URL + "/down", RetryTimes: client.NoRetry, Backup: []string{api.URL + "/ok"}})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(asked, ","); got != "/down,/ok" {
		t.Errorf("the origin was asked %s, want /down,/ok", got)
	}
	if got := strings.Join(through, ","); got != "/down,/ok" {
		t.Errorf("the inner client was handed %s, want /down,/ok (the backup as a request of the outer's)", got)
	}
	if res.URL != api.URL+"/ok" || res.Attempts != 2 {
		t.Errorf("Response.URL %s, Attempts %d; want the backup's URL and 2", res.URL, res.Attempts)
	}
}
