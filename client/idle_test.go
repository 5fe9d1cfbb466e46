package client_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// connStates is an httptest server that keeps the last state of each
// connection it saw.
type connStates struct {
	*httptest.Server
	mu     sync.Mutex
	states map[net.Conn]http.ConnState
}

func newConnStates(t *testing.T) *connStates {
	t.Helper()
	s := &connStates{states: make(map[net.Conn]http.ConnState)}
	s.Server = httptest.NewUnstartedServer(jsonHandler(`{"ok":true}`))
	s.Config.ConnState = func(c net.Conn, st http.ConnState) {
		s.mu.Lock()
		s.states[c] = st
		s.mu.Unlock()
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// count returns how many connections are in state st.
func (s *connStates) count(st http.ConnState) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.states {
		if v == st {
			n++
		}
	}
	return n
}

// waitFor waits, at most 5s, until n connections are in state st.
func (s *connStates) waitFor(t *testing.T, st http.ConnState, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for s.count(st) != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections %v, want %d", s.count(st), st, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCloseIdleConnections(t *testing.T) {
	srv := newConnStates(t)
	for _, tc := range []struct {
		name string
		opts []client.ClientOption
	}{
		{"default transport", nil},
		{"WithTransport", []client.ClientOption{client.WithTransport(&http.Transport{})}},
	} {
		c := client.New(append([]client.ClientOption{client.WithBaseURL(srv.URL)}, tc.opts...)...)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if _, err := c.Request(ctx, client.Option{URL: "/"}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		cancel()
		closedBefore := srv.count(http.StateClosed)
		srv.waitFor(t, http.StateIdle, 1) // kept alive after the response
		time.Sleep(20 * time.Millisecond)
		if srv.count(http.StateClosed) != closedBefore {
			t.Fatalf("%s: a connection closed before CloseIdleConnections", tc.name)
		}

		c.CloseIdleConnections()
		srv.waitFor(t, http.StateIdle, 0)
		srv.waitFor(t, http.StateClosed, closedBefore+1)

		// The client is still usable, on a new connection.
		ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
		if _, err := c.Request(ctx, client.Option{URL: "/"}); err != nil {
			t.Fatalf("%s: after CloseIdleConnections: %v", tc.name, err)
		}
		cancel()
		c.CloseIdleConnections()
		srv.waitFor(t, http.StateClosed, closedBefore+2)
	}
}

// A transport without CloseIdleConnections (a bare RoundTripper) is left
// alone, no panic.
func TestCloseIdleConnectionsWithoutSupport(t *testing.T) {
	rt := idleTestRT(func(r *http.Request) (*http.Response, error) { return nil, context.Canceled })
	client.New(client.WithTransport(rt)).CloseIdleConnections()
}

type idleTestRT func(*http.Request) (*http.Response, error)

func (f idleTestRT) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
