package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A stream that stalls after its headers, on an HTTP/2 connection other
// requests share: each of its attempts ends at Timeout (three, then
// retry.ErrExhausted wrapping timeout.ErrExceeded) while the requests
// beside it are answered whole on the same connection, never waiting for it.
func TestHTTP2StalledStreamBesideOthers(t *testing.T) {
	const attemptTimeout = 200 * time.Millisecond
	var conns atomic.Int64
	srv, c, _ := newH2TestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/stall" {
			w.Header().Set("Content-Length", "7")
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			<-r.Context().Done() // the client's RST_STREAM at its Timeout ends it
			return
		}
		io.WriteString(w, `{"path":"`+r.URL.Path+`"}`)
	}, func(s *http.Server) {
		s.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}
	})
	// One connection first, so that the calls below share it.
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/warm"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var stalledErr error
	var stalledAttempts int
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/stall", Timeout: attemptTimeout})
		stalledErr, stalledAttempts = err, resp.Attempts
	}()
	time.Sleep(50 * time.Millisecond) // the stalled stream is open
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/ok" + string(rune('0'+i))
			s := time.Now()
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + path, Timeout: attemptTimeout})
			m, _ := resp.Data.(map[string]any)
			if err != nil || m["path"] != path || resp.Attempts != 1 || time.Since(s) > attemptTimeout {
				t.Errorf("%s beside the stalled stream: data %v, err %v, %d attempts, took %v", path, resp.Data, err, resp.Attempts, time.Since(s))
			}
		}()
	}
	wg.Wait()
	<-done
	took := time.Since(start)
	if !errors.Is(stalledErr, timeout.ErrExceeded) || !errors.Is(stalledErr, retry.ErrExhausted) || stalledAttempts != 3 {
		t.Errorf("stalled stream: err %v, %d attempts; want 3 timeouts", stalledErr, stalledAttempts)
	}
	// An attempt not ended at its Timeout would stall for good; the room
	// above 3×200ms is for a slow machine (400 ms was passed without -race).
	if took < 3*attemptTimeout || took > 3*time.Second {
		t.Errorf("stalled stream took %v; want about 3×%v", took, attemptTimeout)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections; want every stream on one", n)
	}
}

// A POST whose HTTP/2 flow-control window the server never opens (a
// handler that never reads: the upload stalls once the window is spent)
// ends at its Timeout with timeout.ErrExceeded, is not sent again (its
// headers and part of its body reached the server), and Fail then
// Complete run once; one marked Idempotent is tried three times, each
// bounded.
func TestHTTP2UploadStalledByFlowControl(t *testing.T) {
	const attemptTimeout = 300 * time.Millisecond
	srv, c, count := newH2TestServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never reads: the window stays shut
	})
	payload := bytes.Repeat([]byte("w"), 8<<20) // past any initial window
	for _, idempotent := range []bool{false, true} {
		count.Store(0)
		var failed, completed atomic.Int64
		start := time.Now()
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/up", Method: "POST", Data: payload,
			Idempotent: idempotent, Timeout: attemptTimeout,
			Fail:     func(*client.Response, error) { failed.Add(1) },
			Complete: func(*client.Response, error) { completed.Add(1) }})
		took := time.Since(start)
		want := 1
		if idempotent {
			want = 3
		}
		if !errors.Is(err, timeout.ErrExceeded) || resp.Attempts != want || count.Load() != int64(want) ||
			resp.ErrMsg != "request:fail timeout" || failed.Load() != 1 || completed.Load() != 1 {
			t.Errorf("Idempotent %v: err %v (ErrMsg %q), %d attempts, %d at the server, Fail %d, Complete %d; want %d timeouts",
				idempotent, err, resp.ErrMsg, resp.Attempts, count.Load(), failed.Load(), completed.Load(), want)
		}
		if limit := time.Duration(want)*attemptTimeout + 400*time.Millisecond; took > limit {
			t.Errorf("Idempotent %v: took %v, more than %v", idempotent, took, limit)
		}
	}

	// A body streamed from a reader (past WithMaxRequestBuffer) that the
	// window holds is the server's stall, not the reader's: no
	// middleware.ErrBodyStalled, which the breaker would not count.
	count.Store(0)
	streamed := fastClient(client.WithTransport(srv.Client().Transport), client.WithMaxRequestBuffer(1024))
	start := time.Now()
	resp, err := streamed.Request(context.Background(), client.Option{URL: srv.URL + "/up", Method: "POST",
		Data: bytes.NewReader(payload), Timeout: attemptTimeout})
	if !errors.Is(err, timeout.ErrExceeded) || errors.Is(err, middleware.ErrBodyStalled) || resp.Attempts != 1 || count.Load() != 1 ||
		time.Since(start) > attemptTimeout+400*time.Millisecond {
		t.Errorf("streamed: err %v, %d attempts, %d at the server, took %v; want one timeout, not the reader's stall",
			err, resp.Attempts, count.Load(), time.Since(start))
	}
}

// A stream the server did not process, refused with REFUSED_STREAM or left
// out by a GOAWAY whose last stream id is below it (RFC 9113 §8.1.4), is
// safe to send again, a POST too: net/http's HTTP/2 transport sends it
// again itself, with its whole body, inside the one attempt. (A stream
// refused twice waits about a second there, and three times two more:
// see TestHTTP2RefusedStreamWaitsInsideTheAttempt.)
func TestHTTP2UnprocessedStreamIsSentAgain(t *testing.T) {
	const refusedStream = 0x7
	faults := map[string]func(f *h2Conn, stream uint32){
		"REFUSED_STREAM": func(f *h2Conn, stream uint32) { f.rstStream(stream, refusedStream) },
		"GOAWAY below the stream, before the headers": func(f *h2Conn, stream uint32) {
			f.goAway(0, 0)
			time.Sleep(10 * time.Millisecond)
			f.c.Close()
		},
	}
	payload := bytes.Repeat([]byte("u"), 40000) // past the initial window
	for name, fault := range faults {
		for _, method := range []string{"GET", "POST"} {
			var streams atomic.Int64
			srv := newH2Server(t, func(f *h2Conn, stream uint32) {
				if streams.Add(1) == 1 {
					fault(f, stream)
					return
				}
				f.headers(stream, false, ":status", "200", "content-type", "application/json", "content-length", "7")
				f.frame(0x0, 0x1, stream, []byte(`{"a":1}`)) // DATA, END_STREAM
			})
			var succeeded atomic.Int64
			opt := client.Option{URL: srv.URL + "/x", Method: method, Timeout: time.Second,
				Success: func(*client.Response) { succeeded.Add(1) }}
			if method == "POST" {
				opt.Data = payload
			}
			resp, err := srv.client().Request(context.Background(), opt)
			m, _ := resp.Data.(map[string]any)
			bodies := srv.Bodies()
			if err != nil || m["a"] != 1.0 || resp.Attempts != 1 || len(bodies) != 2 || succeeded.Load() != 1 {
				t.Errorf("%s, %s: data %v, err %v, %d attempts, %d streams; want the answer to the second stream", name, method, resp.Data, err, resp.Attempts, len(bodies))
			}
			for _, b := range bodies {
				if method == "POST" && !bytes.Equal(b, payload) {
					t.Errorf("%s, %s: a stream carried %d bytes, want %d", name, method, len(b), len(payload))
				}
			}
		}
	}
}
