package backup_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestFallbackNilBodyIsEmpty: a Fallback's answer with a nil Body (a
// response built by hand, &http.Response{StatusCode: 200}) went up as it
// was, and a client's layers above an inner backup layer (timeout,
// breaker, retry) read the nil Body and panicked: 313f7b2 held the
// contract for a nil answer, not for its Body. It is an empty body now,
// as net/http's Client reads a transport's; one whose Content-Length
// promised bytes is no answer, and the URLs' error stands.
func TestFallbackNilBodyIsEmpty(t *testing.T) {
	down := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("down") })
	fallback := func(n int64) backup.Option {
		return backup.WithFallback(func(*http.Request, error) (*http.Response, bool) {
			return &http.Response{StatusCode: http.StatusOK, ContentLength: n, Header: http.Header{}}, true
		})
	}

	t.Run("client inner layer", func(t *testing.T) {
		c := client.New(client.WithTransport(down), client.WithInnerLayers(backup.Middleware(fallback(0))))
		resp, err := c.Request(context.Background(), client.Option{URL: "http://api.test/", RetryTimes: client.NoRetry})
		if err != nil || resp.StatusCode != http.StatusOK || len(resp.Raw) != 0 {
			t.Fatalf("want the fallback's empty 200, got resp %+v, err %v", resp, err)
		}
	})
	t.Run("layer alone", func(t *testing.T) {
		hc := &http.Client{Transport: backup.New(down, fallback(0))}
		resp, err := hc.Get("http://api.test/")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || len(b) != 0 {
			t.Fatalf("body %q, %v", b, err)
		}
	})
	t.Run("with a Content-Length", func(t *testing.T) {
		c := client.New(client.WithTransport(down), client.WithInnerLayers(backup.Middleware(fallback(5))))
		_, err := c.Request(context.Background(), client.Option{URL: "http://api.test/", RetryTimes: client.NoRetry})
		if err == nil {
			t.Fatal("a 200 with a nil Body of 5 bytes answered")
		}
	})
}

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
