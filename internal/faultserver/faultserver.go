// Package faultserver provides loopback test servers that fail in the ways
// the resilience layers must survive: reset connections, hangs, 5xx runs,
// Retry-After, dripping and truncated bodies. Every server counts and keeps
// what it received, so tests can assert exact attempt counts and bytes.
package faultserver

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Received is one request as the server saw it.
type Received struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Server is an httptest server that records requests. Safe for concurrent
// use.
type Server struct {
	*httptest.Server
	n     atomic.Int64
	conns atomic.Int64
	mu    sync.Mutex
	reqs  []Received
}

// New starts a server running h after recording each request; it is closed
// when the test ends.
func New(t testing.TB, h http.HandlerFunc) *Server {
	t.Helper()
	s := &Server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.reqs = append(s.reqs, Received{r.Method, r.URL.String(), r.Header.Clone(), body})
		s.mu.Unlock()
		s.n.Add(1)
		h(w, r)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// Count is the number of requests received.
func (s *Server) Count() int { return int(s.n.Load()) }

// Conns is the number of connections accepted.
func (s *Server) Conns() int { return int(s.conns.Load()) }

// Requests returns a copy of what was received, in order.
func (s *Server) Requests() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.reqs...)
}

// OK answers 200 with body.
func OK(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}
}

// Status answers status with body.
func Status(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// FailThen answers status n times, then runs then.
func FailThen(n int, status int, then http.HandlerFunc) http.HandlerFunc {
	var seen atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= int64(n) {
			w.WriteHeader(status)
			_, _ = io.WriteString(w, `{"error":"`+strconv.Itoa(status)+`"}`)
			return
		}
		then(w, r)
	}
}

// RetryAfter answers status with a Retry-After header n times, then runs
// then.
func RetryAfter(n, status int, value string, then http.HandlerFunc) http.HandlerFunc {
	var seen atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= int64(n) {
			w.Header().Set("Retry-After", value)
			w.WriteHeader(status)
			return
		}
		then(w, r)
	}
}

// Reset closes the connection with a TCP RST, without answering.
func Reset() http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = conn.Close()
	}
}

// ResetReused answers the first request of each connection with body,
// kept alive, and resets the connection on any later one, unanswered: a
// server that crashed handling it, which net/http's Transport meets on a
// connection it reused, and then resends an idempotent request by itself.
func ResetReused(body string) http.HandlerFunc {
	var mu sync.Mutex
	seen := map[string]bool{} // remote addresses, one per connection
	reset := Reset()
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // read whole, as a server that processed it
		mu.Lock()
		again := seen[r.RemoteAddr]
		seen[r.RemoteAddr] = true
		mu.Unlock()
		if again {
			reset(w, r)
			return
		}
		_, _ = io.WriteString(w, body)
	}
}

// Hang accepts the request and never answers, until the client gives up or
// max passes.
func Hang(max time.Duration) http.HandlerFunc {
	return func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(max):
		}
	}
}

// Drip sends the headers at once, then one byte every interval, up to n
// bytes, stopping when the client goes away.
func Drip(interval time.Duration, n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		for i := 0; i < n; i++ {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(interval):
			}
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}
}

// CloseMidBody promises a 100-byte body, sends 10 bytes and closes the
// connection.
func CloseMidBody() http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"partial\"")
		_ = buf.Flush()
		_ = conn.Close()
	}
}

// Then runs first for the first n requests, then then.
func Then(n int, first, then http.HandlerFunc) http.HandlerFunc {
	var seen atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= int64(n) {
			first(w, r)
			return
		}
		then(w, r)
	}
}

// Stall announces body whole (Content-Length), sends its first after bytes
// and then nothing more, until the client goes away or max passes.
func Stall(body string, after int, max time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, body[:min(after, len(body))])
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(max):
		}
	}
}

// UpgradeEcho switches protocols (101, Upgrade: echo) when asked to (a 400
// otherwise), then echoes one line back as "echo: <line>": a WebSocket's
// way, for tests of layers that must hand the connection on.
func UpgradeEcho() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "echo" {
			http.Error(w, "want Upgrade: echo", http.StatusBadRequest)
			return
		}
		c, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		brw.WriteString("echo: " + line)
		brw.Flush()
	}
}
