package backup_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestFallbackNilAnswerIsNoAnswer: a Fallback that says ok but gives no
// response has nothing; the layer used to hand on (nil, nil), which made
// a client's layers above it (an inner layer under retry, breaker,
// timeout) panic, and broke the contract for a plain http.Client.
// The URLs' error stands, in both.
func TestFallbackNilAnswerIsNoAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	fb := backup.WithFallback(func(*http.Request, error) (*http.Response, bool) { return nil, true })

	t.Run("client inner layer", func(t *testing.T) {
		c := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(backup.Middleware(fb)))
		resp, err := c.Request(context.Background(), client.Option{URL: "/", RetryTimes: client.NoRetry})
		if err != nil || resp == nil || resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("want the 500 the URL gave, got resp %+v, err %v", resp, err)
		}
	})
	t.Run("layer alone", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		rt := backup.New(nil, fb, backup.WithURLs())
		resp, err := rt.RoundTrip(req)
		if resp != nil {
			resp.Body.Close()
		}
		if resp == nil && err == nil {
			t.Fatal("(nil, nil): the RoundTripper contract broken")
		}
		if err != nil && !errors.Is(err, backup.ErrExhausted) {
			t.Logf("err %v", err)
		}
	})
}
