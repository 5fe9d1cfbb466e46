package client_test

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// Over HTTP/2 a HEAD's frames leave no stray bytes: the HEAD, and the GET
// after it, both work on the one shared connection (the HEAD went with
// Close, which retired it, until the client asked for Close only on a
// connection that is not HTTP/2), and a GET running beside the HEAD on the
// connection ends whole.
func TestHeadOverHTTP2ThenGet(t *testing.T) {
	release := make(chan struct{})
	srv, tr, conns := tlsServerCountingConns(t, true, func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor != 2 {
			http.Error(w, "want HTTP/2", 505)
			return
		}
		if r.URL.Path == "/slow" {
			select {
			case <-release:
			case <-time.After(5 * time.Second):
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Path", r.URL.Path)
		w.Write([]byte(`{"ok":true}`))
	})
	c := client.New(client.WithTransport(tr))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()

	// A GET in flight beside the HEAD on the one connection.
	warm, err := c.Request(ctx, client.Option{URL: srv.URL + "/warm"})
	if err != nil || warm.StatusCode != 200 {
		t.Fatalf("warm GET: %v %v", warm, err)
	}
	var wg sync.WaitGroup
	var slow *client.Response
	var slowErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		slow, slowErr = c.Request(ctx, client.Option{URL: srv.URL + "/slow"})
	}()
	time.Sleep(100 * time.Millisecond)
	head, err := c.Request(ctx, client.Option{URL: srv.URL + "/h", Method: "HEAD"})
	if err != nil || head.StatusCode != 200 || head.Header.Get("X-Path") != "/h" {
		t.Fatalf("HEAD over HTTP/2: %+v %v", head, err)
	}
	close(release)
	wg.Wait()
	if slowErr != nil || slow.StatusCode != 200 || string(slow.Raw) != `{"ok":true}` {
		t.Fatalf("GET beside the HEAD: %+v %v", slow, slowErr)
	}
	for i := 0; i < 3; i++ {
		get, err := c.Request(ctx, client.Option{URL: srv.URL + "/g"})
		if err != nil || get.StatusCode != 200 || get.Header.Get("X-Path") != "/g" || string(get.Raw) != `{"ok":true}` {
			t.Fatalf("GET %d after the HEAD over HTTP/2: %+v %v", i, get, err)
		}
	}
	t.Logf("connections: %d", conns.Load())
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for one HEAD among GETs, want 1: over HTTP/2 the HEAD keeps the shared one open", n)
	}
}

// Over TLS without HTTP/2 the HEAD still asks for a connection of its own
// (Connection: close): the stray-body rule is HTTP/1's, whatever the scheme.
func TestHeadOverTLSHTTP1GoesWithClose(t *testing.T) {
	var headClose, getClose atomic.Int64
	srv, tr, _ := tlsServerCountingConns(t, false, func(w http.ResponseWriter, r *http.Request) { // ALPN offers no h2
		if r.ProtoMajor != 1 {
			http.Error(w, "want HTTP/1", 505)
			return
		}
		if r.Close && r.Method == "HEAD" {
			headClose.Add(1)
		} else if r.Close {
			getClose.Add(1)
		}
		w.Write([]byte(`{"ok":true}`))
	})
	c := client.New(client.WithTransport(tr))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for _, m := range []string{"GET", "HEAD", "GET", "HEAD"} {
		if res, err := c.Request(ctx, client.Option{URL: srv.URL + "/x", Method: m}); err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %v %v", m, res, err)
		}
	}
	if headClose.Load() != 2 || getClose.Load() != 0 {
		t.Errorf("HEADs with Connection: close %d (want 2), GETs %d (want 0)", headClose.Load(), getClose.Load())
	}
}

// A HEAD that opens the HTTP/2 connection (net/http's transport hands it
// to its HTTP/2 side, which says GotConn itself) leaves it open for the
// requests after it too.
func TestHeadFirstOverHTTP2KeepsTheConnection(t *testing.T) {
	srv, tr, conns := tlsServerCountingConns(t, true, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Proto", r.Proto)
		w.Write([]byte(`{}`))
	})
	c := client.New(client.WithTransport(tr))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for _, m := range []string{"HEAD", "GET", "HEAD", "GET"} {
		res, err := c.Request(ctx, client.Option{URL: srv.URL, Method: m})
		if err != nil || res.StatusCode != 200 || res.Header.Get("X-Proto") != "HTTP/2.0" {
			t.Fatalf("%s: %+v %v", m, res, err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for HEAD, GET, HEAD, GET over HTTP/2, want 1", n)
	}
}

// tlsServerCountingConns starts a TLS server of h (HTTP/2 offered when h2)
// and returns it with a transport that trusts it and the count of the
// connections it accepted.
func tlsServerCountingConns(t *testing.T, h2 bool, h http.HandlerFunc) (*httptest.Server, *http.Transport, *atomic.Int64) {
	t.Helper()
	conns := new(atomic.Int64)
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.EnableHTTP2 = h2
	srv.StartTLS()
	t.Cleanup(srv.Close)
	base := srv.Client().Transport.(*http.Transport)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: base.TLSClientConfig.RootCAs}, ForceAttemptHTTP2: true}
	t.Cleanup(tr.CloseIdleConnections)
	return srv, tr, conns
}

// A transport that reports no GotConn (a fake, a transport of another
// kind) gets every HEAD with Close, as README says, and a GET without; a
// caller's own ClientTrace on the HEAD's context is still called by a
// transport that reports, beside the client's.
func TestHeadCloseWithoutGotConnAndTheCallersTrace(t *testing.T) {
	var mu sync.Mutex
	closes := map[string]bool{}
	fake := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		closes[req.Method] = req.Close
		mu.Unlock()
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
	})
	c := client.New(client.WithTransport(fake))
	for _, m := range []string{"HEAD", "GET"} {
		if _, err := c.Request(context.Background(), client.Option{URL: "http://h.test/x", Method: m}); err != nil {
			t.Fatalf("%s: %v", m, err)
		}
	}
	if !closes["HEAD"] || closes["GET"] {
		t.Errorf("Close sent: HEAD %v (want true), GET %v (want false)", closes["HEAD"], closes["GET"])
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var got atomic.Int32
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { got.Add(1) }})
	if _, err := client.New().Request(ctx, client.Option{URL: srv.URL, Method: "HEAD"}); err != nil {
		t.Fatal(err)
	}
	if got.Load() != 1 {
		t.Errorf("the caller's GotConn was called %d times, want 1", got.Load())
	}
}
