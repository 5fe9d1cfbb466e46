package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// fastRetry keeps retry waits in milliseconds.
var fastRetry = client.WithRetry(retry.WithBackoff(retryablehttp.DefaultBackoff, time.Millisecond, 2*time.Millisecond))

// flush sends what the handler wrote so far.
func flush(w http.ResponseWriter) { w.(http.Flusher).Flush() }

// Chunks reach the Task's listener in order, each as the server flushed it:
// the server sends the next only after the listener has seen the previous.
func TestStreamChunkOrderAndBoundaries(t *testing.T) {
	parts := []string{"alpha", "beta", "gamma"}
	start, ack := make(chan struct{}), make(chan struct{}, len(parts))
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		flush(w) // the headers
		select {
		case <-start:
		case <-r.Context().Done():
			return
		}
		for _, p := range parts {
			io.WriteString(w, p)
			flush(w)
			select {
			case <-ack:
			case <-time.After(5 * time.Second):
				return
			}
		}
	})
	c := client.New()
	var got []string
	var success int
	task := c.Go(context.Background(), client.Option{URL: srv.URL, EnableChunked: true,
		Success: func(r *client.Response) { success = len(got) }})
	task.OnChunkReceived(func(b []byte) {
		got = append(got, string(b)) // copied: the buffer is reused
		ack <- struct{}{}
	})
	off := task.OnChunkReceived(func([]byte) { t.Error("removed listener called") })
	task.OffChunkReceived(off)
	close(start)
	resp, err := task.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(parts) {
		t.Fatalf("chunks %q, want %q", got, parts)
	}
	if success != 3 || resp.Body != nil || resp.Raw != nil || resp.ErrMsg != "request:ok" {
		t.Fatalf("Success after %d chunks (want 3), Body %v, Raw %q, ErrMsg %q", success, resp.Body, resp.Raw, resp.ErrMsg)
	}
}

// The body as an io.ReadCloser and as an iterator give the same bytes, and
// the request is sent with the default stack (retry, breaker, timeout).
func TestStreamBodyAndChunks(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320 KB, several chunks
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	c := client.New()
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("Body: %d bytes, err %v", len(got), err)
	}
	if resp.Raw != nil || resp.Data != nil || resp.StatusCode != 200 || resp.Attempts != 1 {
		t.Fatalf("Raw %d bytes, Data %v, status %d, attempts %d", len(resp.Raw), resp.Data, resp.StatusCode, resp.Attempts)
	}
	resp, err = c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n := 0
	for chunk, err := range resp.Chunks() {
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(chunk)
		n++
	}
	if !bytes.Equal(buf.Bytes(), body) || n < 2 {
		t.Fatalf("Chunks: %d bytes in %d chunks", buf.Len(), n)
	}
}

// A body larger than the client's response bound streams: nothing is held
// whole.
func TestStreamNotBoundedByMaxResponse(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 100<<10)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	c := client.New(client.WithMaxResponseBytes(1 << 10))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if n, err := io.Copy(io.Discard, resp.Body); err != nil || n != int64(len(body)) {
		t.Fatalf("read %d bytes, err %v", n, err)
	}
}

// A stream that lasts five times Timeout but keeps sending is not cut.
func TestStreamLongerThanTimeoutKeepsGoing(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		for i := range 20 {
			fmt.Fprintf(w, "tick %d\n", i)
			flush(w)
			time.Sleep(25 * time.Millisecond)
		}
	})
	c := client.New()
	start := time.Now()
	// Gaps of 25 ms against an idle timeout of 200 ms (a loaded machine
	// under -race stretches them), the whole stream 500 ms.
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("after %v and %d bytes: %v", time.Since(start), len(got), err)
	}
	if strings.Count(string(got), "tick") != 20 {
		t.Fatalf("got %q", got)
	}
	if el := time.Since(start); el < 400*time.Millisecond {
		t.Fatalf("the stream took %v, not longer than Timeout (the test proves nothing)", el)
	}
}

// A stream that stalls after its first bytes is cut by the idle timeout,
// with an error that says how many bytes arrived; it is not retried.
func TestStreamStalledCutByIdleTimeout(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first")
		flush(w)
		<-r.Context().Done()
	})
	c := client.New(fastRetry)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true, Timeout: 80 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	start := time.Now()
	got, err := io.ReadAll(resp.Body)
	el := time.Since(start)
	var se *middleware.StreamError
	if string(got) != "first" || !errors.Is(err, client.ErrStreamBroken) || !errors.Is(err, timeout.ErrExceeded) ||
		!errors.As(err, &se) || se.Delivered != 5 {
		t.Fatalf("got %q, err %v", got, err)
	}
	if el > time.Second {
		t.Fatalf("cut after %v, want about 80ms", el)
	}
	if !strings.Contains(err.Error(), "5 bytes delivered") || !strings.Contains(err.Error(), "idle") {
		t.Fatalf("error %q does not say what happened", err)
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("%d requests, want 1 (no retry after the first byte)", n)
	}
}

// cutAfter answers with Content-Length n+len(rest) and cuts the connection
// after prefix.
func cutAfter(w http.ResponseWriter, prefix string, total int) {
	w.Header().Set("Content-Length", strconv.Itoa(total))
	io.WriteString(w, prefix)
	flush(w)
	panic(http.ErrAbortHandler)
}

// A body that breaks before its first byte is a failed attempt: retried.
func TestStreamFailureBeforeFirstByteRetried(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if srv.count.Load() == 1 {
			cutAfter(w, "", 10)
		}
		io.WriteString(w, "0123456789")
	})
	c := client.New(fastRetry)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil || string(got) != "0123456789" || resp.Attempts != 2 || srv.count.Load() != 2 {
		t.Fatalf("got %q, err %v, attempts %d, requests %d", got, err, resp.Attempts, srv.count.Load())
	}
}

// A failure before the first byte on every attempt fails over to a backup.
func TestStreamFailoverBeforeFirstByte(t *testing.T) {
	bad := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { cutAfter(w, "", 10) })
	good := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "from backup") })
	c := client.New(fastRetry)
	resp, err := c.Request(context.Background(), client.Option{URL: bad.URL, Backup: []string{good.URL}, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if string(got) != "from backup" || bad.count.Load() != 3 {
		t.Fatalf("got %q, primary requests %d (want 3: 1 + 2 retries)", got, bad.count.Load())
	}
}

// After the first byte a failure is not retried (no validator to resume
// with): the error says how many bytes the caller got.
func TestStreamFailureAfterFirstByteNotRetried(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { cutAfter(w, "01234", 10) })
	c := client.New(fastRetry)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	var se *middleware.StreamError
	if string(got) != "01234" || !errors.As(err, &se) || se.Delivered != 5 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %q, err %v", got, err)
	}
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Method != "GET" {
		t.Fatalf("err %T is not a *client.Error", err)
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}
