package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

func switchingServer(t *testing.T, done chan struct{}) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
		}
	}))
}

// Two identical GETs through the HTTP cache meet an unsolicited 101.
func TestAnUnsolicited101ThroughTheHTTPCache(t *testing.T) {
	done := make(chan struct{})
	srv := switchingServer(t, done)
	defer srv.Close()
	defer close(done)
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	var wg sync.WaitGroup
	start := time.Now()
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Request(context.Background(), client.Option{URL: "/ws", Timeout: 300 * time.Millisecond, RetryTimes: client.NoRetry})
		}()
	}
	wg.Wait()
	el := time.Since(start)
	t.Logf("errs=%v elapsed=%v", errs, el)
	for _, err := range errs {
		if err == nil {
			t.Errorf("an unsolicited 101 succeeded through the HTTP cache")
		}
	}
	if el > time.Second {
		t.Errorf("took %v past a 300ms Timeout", el)
	}
}

// An outer layer that asks for the upgrade (sets Upgrade) gets its 101.
func TestA101ALayerAskedForPasses(t *testing.T) {
	done := make(chan struct{})
	srv := switchingServer(t, done)
	defer srv.Close()
	defer close(done)
	up := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			r.Header.Set("Connection", "Upgrade")
			r.Header.Set("Upgrade", "websocket")
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(up))
	resp, err := c.Request(context.Background(), client.Option{URL: "/ws", EnableChunked: true, RetryTimes: client.NoRetry})
	t.Logf("err=%v status=%d", err, resp.StatusCode)
	if err != nil {
		t.Errorf("a request sent with an Upgrade header (a layer's) failed on its 101: %v", err)
	} else if resp.Body != nil {
		resp.Body.Close()
	}
}

// A no-cors call to another origin answered with an unsolicited 101 fails
// as opaquely as any of its failures: the text says nothing of the 101,
// errors.Is still tells ErrProtocolSwitch.
func TestAnUnsolicited101ToANoCORSCallIsOpaque(t *testing.T) {
	done := make(chan struct{})
	srv := switchingServer(t, done)
	defer srv.Close()
	defer close(done)
	c := client.New(client.WithBaseURL("http://app.test"))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/ws", Mode: client.ModeNoCORS, RetryTimes: client.NoRetry})
	if !errors.Is(err, client.ErrProtocolSwitch) {
		t.Fatalf("err = %v, want ErrProtocolSwitch", err)
	}
	// The server's URL is left out of the texts: its port may hold "101".
	text := strings.ReplaceAll(err.Error(), srv.URL, "")
	msg := strings.ReplaceAll(resp.ErrMsg, srv.URL, "")
	if strings.Contains(text, "101") || strings.Contains(msg, "101") || resp.StatusCode != 0 {
		t.Errorf("a no-cors failure tells what answered: %q / %q, status %d", err, resp.ErrMsg, resp.StatusCode)
	}
}
