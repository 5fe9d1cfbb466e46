package client_test

import (
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// A toxic acts on the bytes of one direction of a proxied connection, as
// toxiproxy's do: it copies from src to dst its own way and returns when
// src ends (or it gives up); end closes both sides of the connection.
type toxic func(dst, src net.Conn, end func())

// toxicProxy listens on loopback and forwards each connection to target,
// the client's bytes through up (toxiproxy's upstream) and the server's
// through down (downstream); a nil toxic forwards as it reads. It returns
// the proxy's address; at the test's end every connection is closed and
// every goroutine waited for.
func toxicProxy(t *testing.T, target string, up, down toxic) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	track := func(c net.Conn) {
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			track(client)
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			track(server)
			var once sync.Once
			end := func() { once.Do(func() { client.Close(); server.Close() }) }
			for _, d := range []struct {
				dst, src net.Conn
				x        toxic
			}{{server, client, up}, {client, server, down}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if d.x == nil {
						d.x = func(dst, src net.Conn, _ func()) { io.Copy(dst, src) }
					}
					d.x(d.dst, d.src, end)
					if tc, ok := d.dst.(*net.TCPConn); ok {
						tc.CloseWrite() // the other side reads EOF, as it would from a peer
					}
				}()
			}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String()
}

// chunks calls each with every piece read from src until it ends or each
// says stop.
func chunks(src net.Conn, each func(p []byte) bool) {
	buf := make([]byte, 4096)
	for {
		n, err := src.Read(buf)
		if n > 0 && !each(buf[:n]) {
			return
		}
		if err != nil {
			return
		}
	}
}

// latency delays every piece by d from when it was read, as toxiproxy's
// does: pieces read together go on together, d later.
func latency(d time.Duration) toxic {
	return func(dst, src net.Conn, _ func()) {
		type piece struct {
			at time.Time
			p  []byte
		}
		pieces := make(chan piece, 1024)
		go func() {
			defer close(pieces)
			chunks(src, func(p []byte) bool {
				pieces <- piece{time.Now(), append([]byte(nil), p...)}
				return true
			})
		}()
		failed := false
		for pc := range pieces {
			time.Sleep(time.Until(pc.at.Add(d)))
			if !failed {
				_, err := dst.Write(pc.p)
				failed = err != nil
			}
		}
	}
}

// bandwidth passes perSecond bytes a second, in pieces of at most 1 KiB.
func bandwidth(perSecond int) toxic {
	return slicer(1024, time.Second*1024/time.Duration(perSecond))
}

// slicer writes every piece in slices of size bytes, delay apart.
func slicer(size int, delay time.Duration) toxic {
	return func(dst, src net.Conn, _ func()) {
		chunks(src, func(p []byte) bool {
			for len(p) > 0 {
				n := min(size, len(p))
				if _, err := dst.Write(p[:n]); err != nil {
					return false
				}
				p = p[n:]
				time.Sleep(delay)
			}
			return true
		})
	}
}

// limitData passes n bytes of each connection, then closes it, both sides.
func limitData(n int) toxic {
	return func(dst, src net.Conn, end func()) {
		left := n
		chunks(src, func(p []byte) bool {
			k := min(left, len(p))
			dst.Write(p[:k])
			left -= k
			if left == 0 {
				end()
				return false
			}
			return true
		})
	}
}

// stall stops forwarding and never closes: toxiproxy's timeout toxic with
// no timeout. The bytes read are dropped.
func stall(dst, src net.Conn, _ func()) { io.Copy(io.Discard, src) }

// resetPeer forwards, and resets both sides of the connection after d.
func resetPeer(d time.Duration) toxic {
	return func(dst, src net.Conn, end func()) {
		tm := time.AfterFunc(d, func() {
			for _, c := range []net.Conn{dst, src} {
				if tc, ok := c.(*net.TCPConn); ok {
					tc.SetLinger(0)
				}
			}
			end()
		})
		defer tm.Stop()
		io.Copy(dst, src)
	}
}
