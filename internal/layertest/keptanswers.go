package layertest

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// KeptAnswers starts a server on loopback that reads each request whole
// and answers it with the bytes answer gives for it, written as they are
// (a head net/http's server would refuse to write, a body longer than its
// Content-Length), on connections kept open for the next request. It
// returns the server's base URL; when t ends the listener and every
// connection are closed and the server's goroutines waited for.
func KeptAnswers(t testing.TB, answer func(*http.Request) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	keptAnswers(t, ln, answer)
	return "http://" + ln.Addr().String()
}

// KeptAnswersTLS is KeptAnswers over TLS, HTTP/1.1 alone (no h2 offered):
// it returns the server's https base URL and the roots a client's
// TLSClientConfig needs to trust it.
func KeptAnswersTLS(t testing.TB, answer func(*http.Request) string) (string, *x509.CertPool) {
	t.Helper()
	certs := httptest.NewTLSServer(http.NotFoundHandler()) // for its certificate
	cfg := certs.TLS.Clone()
	roots := x509.NewCertPool()
	roots.AddCert(certs.Certificate())
	certs.Close()
	cfg.NextProtos = []string{"http/1.1"}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	keptAnswers(t, ln, answer)
	return "https://" + ln.Addr().String(), roots
}

func keptAnswers(t testing.TB, ln net.Listener, answer func(*http.Request) string) {
	ServeConns(t, ln, func(c net.Conn) {
		br := bufio.NewReader(c)
		for {
			req, err := http.ReadRequest(br)
			if err != nil {
				return
			}
			_, _ = io.Copy(io.Discard, req.Body)
			if _, err := io.WriteString(c, answer(req)); err != nil {
				return
			}
		}
	})
}

// ServeConns runs serve on each connection ln accepts, in a goroutine of
// its own, and closes the connection when serve returns. When t ends, ln
// and every connection are closed and the goroutines waited for.
func ServeConns(t testing.TB, ln net.Listener, serve func(net.Conn)) {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
	)
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				serve(c)
			}()
		}
	}()
}

// LongBodyAnswer is an answer whose body is longer than its Content-Length
// says: {"a":1}, then bytes that are a whole answer of their own, "secret".
const LongBodyAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"
