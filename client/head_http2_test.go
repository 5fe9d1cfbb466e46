package client_test

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// Over HTTP/2 a HEAD's frames leave no stray bytes: the HEAD, and the GET
// after it, both work (a HEAD on a connection of its own costs the GET a
// new one, no more), and a GET running beside the HEAD on the connection
// ends whole.
func TestHeadOverHTTP2ThenGet(t *testing.T) {
	var conns atomic.Int64
	release := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	base := srv.Client().Transport.(*http.Transport)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: base.TLSClientConfig.RootCAs}, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
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
	if n := conns.Load(); n > 2 {
		t.Errorf("%d connections for one HEAD among GETs, want at most 2", n)
	}
}
