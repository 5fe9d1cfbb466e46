package client_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
)

// trickleServer answers every request on a raw TCP listener with a chunked
// body of one chunk of size bytes, written piece bytes at a time every gap:
// bytes keep coming, but the chunk is whole only after size/piece gaps.
// net/http's chunked reader does not return a Read until the chunk has
// come whole or the caller's buffer is full, so a stream read with a large
// buffer sees no Read return for the chunk's whole length. That is how a
// slow link (a bandwidth-limited proxy, toxiproxy's bandwidth toxic) brings
// a server's large chunk.
func trickleServer(t *testing.T, size, piece int, gap time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// Closed at the test's end, a connection fails its next write.
	layertest.ServeConns(t, ln, func(conn net.Conn) {
		if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n", size)
		p := []byte(strings.Repeat("x", piece))
		for sent := 0; sent < size; sent += piece {
			time.Sleep(gap) // the link's pace, not a synchronisation
			if _, err := conn.Write(p[:min(piece, size-sent)]); err != nil {
				return
			}
		}
		io.WriteString(conn, "\r\n0\r\n\r\n")
	})
	return "http://" + ln.Addr().String()
}

// A stream whose bytes keep coming is never cut, also when they come as
// one large HTTP/1 chunk over a slow link: the idle timeout counts the time
// since bytes last arrived on the connection, not the length of one Read of
// the body. Before, a Read that waited for the chunk to fill the caller's
// buffer outlasted the Timeout while bytes came every 40ms, and the call
// failed with "stream idle" (found against toxiproxy's bandwidth toxic,
// go-httpbin's /stream-bytes: cut after 20 876 of 30 000 bytes).
func TestStreamTrickledChunkNotCutByIdleTimeout(t *testing.T) {
	const size = 24 << 10                                   // under the client's 32 KiB reads: one Read takes the chunk
	url := trickleServer(t, size, 512, 40*time.Millisecond) // 48 pieces: about 2 s, 25 gaps per Timeout
	c := client.New()
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	t.Run("Body", func(t *testing.T) {
		resp, err := c.Request(ctx, client.Option{URL: url, EnableChunked: true, Timeout: time.Second, RetryTimes: client.NoRetry})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		buf := make([]byte, 64<<10)
		total := 0
		for {
			n, err := resp.Body.Read(buf)
			total += n
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("after %d of %d bytes: %v", total, size, err)
			}
		}
		if total != size {
			t.Fatalf("read %d bytes, want %d", total, size)
		}
	})
	t.Run("Task", func(t *testing.T) {
		total := 0
		task := c.Go(ctx, client.Option{URL: url, EnableChunked: true, Timeout: time.Second, RetryTimes: client.NoRetry}, func(tk *client.Task) {
			tk.OnChunkReceived(func(b []byte) { total += len(b) })
		})
		if _, err := task.Wait(); err != nil {
			t.Fatalf("after %d of %d bytes: %v", total, size, err)
		}
		if total != size {
			t.Fatalf("got %d bytes, want %d", total, size)
		}
	})
}
