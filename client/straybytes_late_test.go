package client_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

// Alice's answer is followed, late, once bob's request is on the same
// connection, by the rest of it (what a server sends that writes a body a
// moment after a HEAD's answer). net/http failed bob's call with those
// bytes quoted in its error (`malformed HTTP response
// "{\"secret\":\"alice-token\"}"`), which the client hands bob; the
// default transport withholds them now: bob's GET is sent again on another
// connection and gets his answer, his POST, which cannot be, fails with
// transports.ErrStrayBytes and nothing of alice's.
func TestLateStrayBytesOfOneUserNeverReachAnother(t *testing.T) {
	var dirty atomic.Int32
	url := layertest.KeptAnswers(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
		}
		const bobs = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
		if req.URL.Path == "/b" && dirty.Add(1) > 1 {
			return bobs
		}
		return `{"secret":"alice-token"}` + "\r\n" + bobs
	})
	c := client.New(client.WithBaseURL(url))
	defer c.CloseIdleConnections()
	ctx := context.Background()
	alice := func() {
		t.Helper()
		res, err := c.Request(ctx, client.Option{URL: "/a", Header: http.Header{"Authorization": {"Bearer alice"}}, Timeout: 5 * time.Second})
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("alice: %v", err)
		}
	}
	bob := client.Option{URL: "/b", DataType: "text", Header: http.Header{"Authorization": {"Bearer bob"}}, Timeout: 5 * time.Second}

	alice()
	res, err := c.Request(ctx, bob)
	if err != nil || res.Data != "mine" {
		t.Fatalf("bob's GET: %v, %v; want mine", res, err)
	}

	alice()
	bob.URL, bob.Method, bob.Data = "/post", http.MethodPost, "x"
	res, err = c.Request(ctx, bob)
	if err == nil {
		t.Fatalf("bob's POST answered %v; want transports.ErrStrayBytes", res.Data)
	}
	if !errors.Is(err, transports.ErrStrayBytes) || strings.Contains(err.Error(), "alice") {
		t.Errorf("bob's POST: %v; want transports.ErrStrayBytes, nothing of alice's", err)
	}
}

// Over TLS the guard does not see the bytes (HTTP/1 over TLS is not watched
// yet): net/http fails bob's POST with alice's late bytes quoted, and the
// client withholds them from every text it shows (Error, its cause's
// text, ErrMsg).
func TestLateStrayBytesOverTLSNeverQuotedToAnother(t *testing.T) {
	res, err := bobsCallAfterLateBytesOverTLS(t, bobsPost)
	wantNoLateBytesQuoted(t, res, err)
}

// The events of bob's GET, retried once, hold the failed attempt's error:
// its text withholds alice's bytes too.
func TestLateStrayBytesOverTLSNeverInAnothersEvents(t *testing.T) {
	var events []middleware.Event
	watch := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if call := middleware.CallFrom(req.Context()); call != nil && req.URL.Path == "/get" {
				events = call.Events()
			}
			return resp, err
		})
	}
	bob := client.Option{URL: "/get", Header: http.Header{"Authorization": {"Bearer bob"}}, Timeout: 5 * time.Second, RetryTimes: 1}
	res, err := bobsCallAfterLateBytesOverTLS(t, bob, client.WithOuterLayers(watch))
	wantNoLateBytesQuoted(t, res, err)
	retries := 0
	for _, e := range events {
		if e.Name != middleware.EventRetry {
			continue
		}
		retries++
		if e.Err == nil || strings.Contains(e.Err.Error(), "alice") || !strings.Contains(e.Err.Error(), "malformed HTTP response") {
			t.Errorf("retry event's error %v; want net/http's words without alice's bytes", e.Err)
		}
	}
	if retries != 1 {
		t.Errorf("%d retry events, want 1", retries)
	}
}

// bobsPost is bob's POST, which no layer sends again.
var bobsPost = client.Option{URL: "/post", Method: http.MethodPost, Data: "x", DataType: "text",
	Header: http.Header{"Authorization": {"Bearer bob"}}, Timeout: 5 * time.Second, RetryTimes: client.NoRetry}

// bobsCallAfterLateBytesOverTLS makes alice's call, then bob's on the
// connection it left, over TLS (HTTP/1.1), from a client of the default
// transport with opts: the server sends alice's late bytes before bob's
// answer.
func bobsCallAfterLateBytesOverTLS(t *testing.T, bob client.Option, opts ...client.ClientOption) (*client.Response, error) {
	t.Helper()
	url, roots := layertest.KeptAnswersTLS(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
		}
		return `{"secret":"alice-token"}` + "\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
	})
	tr := transports.Default()
	tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	c := client.New(append([]client.ClientOption{client.WithTransport(tr), client.WithBaseURL(url)}, opts...)...)
	t.Cleanup(c.CloseIdleConnections)
	ctx := context.Background()
	res, err := c.Request(ctx, client.Option{URL: "/a", Header: http.Header{"Authorization": {"Bearer alice"}}, Timeout: 5 * time.Second})
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("alice: %v", err)
	}
	return c.Request(ctx, bob)
}

// wantNoLateBytesQuoted wants bob's call failed with net/http's words, and
// none of alice's bytes in its Error, its cause's text or its ErrMsg.
func wantNoLateBytesQuoted(t *testing.T, res *client.Response, err error) {
	t.Helper()
	var ce *client.Error
	if !errors.As(err, &ce) {
		t.Fatalf("bob's POST: %v, %v; want a *client.Error", res, err)
	}
	for what, text := range map[string]string{"Error": err.Error(), "Err": ce.Err.Error(), "ErrMsg": res.ErrMsg} {
		if strings.Contains(text, "alice") || !strings.Contains(text, "malformed HTTP response") {
			t.Errorf("%s: %s; want net/http's words without alice's bytes", what, text)
		}
	}
}
