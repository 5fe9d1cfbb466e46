package client_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// Answers that never come whole, through the full client with a Backup:
// a GET is tried three times, each bounded by Timeout, then fails over and
// the backup answers; a POST that reached the server is neither repeated
// nor failed over (backup.NotFailedOverError), its one body whole at the
// server; Fail then Complete once, or Success then Complete once. A fault
// of time is timeout.ErrExceeded; any failure says what broke.
func TestFaultAnswersThatNeverComeWhole(t *testing.T) {
	const attemptTimeout = 150 * time.Millisecond
	headers := "HTTP/1.1 200 OK\r\n" + jsonType
	faults := []struct {
		name  string
		timed bool   // a fault of time: timeout.ErrExceeded
		says  string // what the error says broke
		send  func(c net.Conn, w *bufio.Writer)
		once  bool // one that would come so again: not retried, the backup next
	}{
		{"body drips past Timeout", true, "reading body", func(c net.Conn, w *bufio.Writer) {
			writeRaw(w, headers+"Content-Length: 100\r\n\r\n")
			for range 100 {
				if _, err := w.WriteString(" "); err != nil || w.Flush() != nil {
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
		}, false},
		{"headers never come", true, "timeout", func(c net.Conn, w *bufio.Writer) { time.Sleep(time.Second) }, false},
		{"header block over 1 MiB", false, "headers exceeded", func(c net.Conn, w *bufio.Writer) {
			writeRaw(w, headers+strings.Repeat("X-Pad: "+strings.Repeat("p", 1000)+"\r\n", 1100)+"Content-Length: 2\r\n\r\n{}")
		}, true},
		{"Content-Length longer, then close", false, "unexpected EOF", func(c net.Conn, w *bufio.Writer) {
			writeRaw(w, headers+"Content-Length: 20\r\n\r\n{\"a\":1}")
		}, false},
		{"malformed chunk", false, "malformed chunked encoding", func(c net.Conn, w *bufio.Writer) {
			writeRaw(w, headers+"Transfer-Encoding: chunked\r\n\r\n7\r\n{\"a\":1}XX\r\n0\r\n\r\n")
		}, false},
	}
	var backupHits atomic.Int64
	second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		backupHits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"from":"backup"}`)
	})
	payload := bytes.Repeat([]byte("b"), 90000)
	for _, f := range faults {
		for _, method := range []string{"GET", "POST"} {
			what := f.name + ", " + method
			srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool { f.send(c, w); return false })
			var succeeded, failed, completed atomic.Int64
			var completedWith *client.Response
			var completedErr error
			// A fault of time overruns a short Timeout by far; the others end
			// at once on their own, and get room to be read (a 1.1 MB header
			// block took over 150 ms under -race on a loaded machine), with a
			// limit that one attempt running into that Timeout would pass.
			attempt, limit := attemptTimeout, 3*attemptTimeout+time.Second
			if !f.timed {
				attempt, limit = 10*time.Second, 5*time.Second
			}
			opt := client.Option{URL: srv.URL + "/x", Method: method, Timeout: attempt,
				Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS,
				Success: func(*client.Response) { succeeded.Add(1) },
				Fail:    func(*client.Response, error) { failed.Add(1) },
				Complete: func(r *client.Response, err error) {
					completed.Add(1)
					completedWith, completedErr = r, err
				}}
			if method == "POST" {
				opt.Data = payload
			}
			hits := backupHits.Load()
			start := time.Now()
			resp, err := fastClient().Request(context.Background(), opt)
			took := time.Since(start)
			bodies := srv.Bodies()
			if completedWith != resp || completedErr != err {
				t.Errorf("%s: Complete got %p, %v; the call returned %p, %v", what, completedWith, completedErr, resp, err)
			}
			if method == "GET" {
				m, _ := resp.Data.(map[string]any)
				tries := 3
				if f.once {
					tries = 1
				}
				if err != nil || m["from"] != "backup" || len(bodies) != tries || backupHits.Load()-hits != 1 || resp.Attempts != tries+1 ||
					succeeded.Load() != 1 || failed.Load() != 0 || completed.Load() != 1 {
					t.Errorf("%s: data %v, err %v, %d attempts, %d at the primary, callbacks %d/%d/%d; want the backup's answer after %d attempts",
						what, resp.Data, err, resp.Attempts, len(bodies), succeeded.Load(), failed.Load(), completed.Load(), tries)
				}
			} else {
				var nf *backup.NotFailedOverError
				if !errors.As(err, &nf) || !strings.Contains(err.Error(), f.says) || errors.Is(err, timeout.ErrExceeded) != f.timed ||
					resp.ErrMsg != "request:fail "+err.(*client.Error).Err.Error() && resp.ErrMsg != "request:fail timeout" ||
					backupHits.Load() != hits || resp.Attempts != 1 || succeeded.Load() != 0 || failed.Load() != 1 || completed.Load() != 1 {
					t.Errorf("%s: err %v (ErrMsg %q), %d attempts, callbacks %d/%d/%d; want NotFailedOverError saying %q after one attempt",
						what, err, resp.ErrMsg, resp.Attempts, succeeded.Load(), failed.Load(), completed.Load(), f.says)
				}
				if len(bodies) != 1 || !bytes.Equal(bodies[0], payload) {
					t.Errorf("%s: the server got %d requests; want one with the whole body", what, len(bodies))
				}
			}
			if took > limit {
				t.Errorf("%s: took %v, more than %v", what, took, limit)
			}
		}
	}
}

// A redirect loop ends with ErrTooManyRedirects after 20 hops, a 307'd
// POST carrying its whole body on each; a redirect to a port no one
// listens on is a dial error, retried (surely unsent), then
// retry.ErrExhausted naming the refused connection.
func TestFaultRedirects(t *testing.T) {
	payload := bytes.Repeat([]byte("r"), 30000)
	for _, code := range []string{"301 Moved Permanently", "302 Found", "307 Temporary Redirect", "308 Permanent Redirect"} {
		srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, "HTTP/1.1 "+code+"\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n")
			return true
		})
		var failed atomic.Int64
		resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: "POST", Data: payload,
			Timeout: time.Second, Fail: func(*client.Response, error) { failed.Add(1) }})
		bodies := srv.Bodies()
		if !errors.Is(err, client.ErrTooManyRedirects) || len(bodies) != 21 || resp.StatusCode != 0 || failed.Load() != 1 {
			t.Errorf("%s loop: err %v, status %d, %d requests, Fail %d; want ErrTooManyRedirects after 21, no response", code, err, resp.StatusCode, len(bodies), failed.Load())
		}
		for i, b := range bodies {
			if keeps := strings.HasPrefix(code, "30") && code[2] >= '7'; keeps && !bytes.Equal(b, payload) || !keeps && i > 0 && len(b) != 0 {
				t.Errorf("%s loop: request %d carried %d bytes", code, i+1, len(b))
				break
			}
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
		writeRaw(w, "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://"+dead+"/gone\r\nContent-Length: 0\r\n\r\n")
		return true
	})
	start := time.Now()
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL + "/x", Timeout: time.Second})
	if !errors.Is(err, retry.ErrExhausted) || !strings.Contains(err.Error(), "connection refused") || resp.Attempts != 4 || time.Since(start) > time.Second {
		t.Errorf("redirect to a dead port: err %v, %d attempts after %v; want retry.ErrExhausted, connection refused, 4 attempts", err, resp.Attempts, time.Since(start))
	}
}

// Retry-After on a 503 or 429: in the past, or not a Retry-After at all
// (garbage, a fraction, a negative number), the GET is retried after the
// usual backoff; asking for more than the cap (a number past any Duration,
// an HTTP-date an hour away) stops at once with retry.ErrRetryAfter, and a
// wait under the cap that would end past the ctx deadline with
// retry.ErrDeadline, the answer's status kept (the README's sentinels).
func TestFaultRetryAfterForms(t *testing.T) {
	for _, status := range []string{"503 Service Unavailable", "429 Too Many Requests"} {
		for _, tc := range []struct {
			value string
			waits bool // over the cap
		}{
			{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), false},
			{"soon", false}, {"1.5", false}, {"-5", false},
			{"999999999999999999999", true},
			{time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), true},
			{"3", true}, // under the cap, past the deadline below
		} {
			var n atomic.Int64
			srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
				if n.Add(1) == 1 {
					writeRaw(w, "HTTP/1.1 "+status+"\r\nRetry-After: "+tc.value+"\r\nContent-Length: 0\r\n\r\n")
					return true
				}
				writeRaw(w, "HTTP/1.1 200 OK\r\n"+jsonType+"Content-Length: 7\r\n\r\n{\"a\":1}")
				return true
			})
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			start := time.Now()
			resp, err := fastClient().Request(ctx, client.Option{URL: srv.URL + "/x"})
			took := time.Since(start)
			cancel()
			what := status + ", Retry-After: " + tc.value
			sentinel := retry.ErrRetryAfter
			if tc.value == "3" {
				sentinel = retry.ErrDeadline
			}
			switch {
			case took > 500*time.Millisecond:
				t.Errorf("%s: took %v", what, took)
			case tc.waits && (!errors.Is(err, sentinel) || strconv.Itoa(resp.StatusCode) != status[:3] || n.Load() != 1):
				t.Errorf("%s: err %v, status %d, %d requests; want %v and the status, one request", what, err, resp.StatusCode, n.Load(), sentinel)
			case !tc.waits && (err != nil || resp.StatusCode != 200 || n.Load() != 2):
				t.Errorf("%s: err %v, status %d, %d requests; want the 200 of the second", what, err, resp.StatusCode, n.Load())
			}
		}
	}
}

// UseStore's stale fallback under the same faults: a GET whose URL and
// backup both break (a body dripping past Timeout, one cut short, one
// badly chunked) is answered by the data a DataCheck passed and the store
// kept, Success then Complete, within the attempts' Timeouts; never by the
// broken bytes.
func TestFaultStoreAnswersWhenEveryURLBreaks(t *testing.T) {
	const attemptTimeout = 150 * time.Millisecond
	headers := "HTTP/1.1 200 OK\r\n" + jsonType
	faults := map[string]string{
		"body drips past Timeout":           headers + "Content-Length: 100\r\n\r\n{\"code\":",
		"Content-Length longer, then close": headers + "Content-Length: 40\r\n\r\n{\"code\":0,\"v\":\"broken\"}",
		"malformed chunk":                   headers + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"code\":0}\r\n0\r\n\r\n",
	}
	check := func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["code"] == 0.0 }
	for name, fault := range faults {
		var broken atomic.Bool
		answer := func(c net.Conn, w *bufio.Writer) bool {
			if !broken.Load() {
				kept := `{"code":0,"v":"kept"}`
				writeRaw(w, headers+"Content-Length: "+strconv.Itoa(len(kept))+"\r\n\r\n"+kept)
				return true
			}
			writeRaw(w, fault)
			time.Sleep(2 * attemptTimeout) // a drip's next byte never comes in time
			return false
		}
		primary, second := newConnServer(t, answer), newConnServer(t, answer)
		c := fastClient()
		opt := client.Option{URL: primary.URL + "/x", Backup: []string{second.URL + "/x"}, Mode: client.ModeCORS,
			Timeout: attemptTimeout, UseStore: true, DataCheck: check}
		if resp, err := c.Request(context.Background(), opt); err != nil || resp.FromStore {
			t.Fatalf("%s: the first call: err %v, from the store %v", name, err, resp.FromStore)
		}
		broken.Store(true)
		tried := len(primary.Bodies()) + len(second.Bodies())
		var succeeded, completed atomic.Int64
		opt.Success = func(*client.Response) { succeeded.Add(1) }
		opt.Complete = func(*client.Response, error) { completed.Add(1) }
		start := time.Now()
		resp, err := c.Request(context.Background(), opt)
		took := time.Since(start)
		m, _ := resp.Data.(map[string]any)
		if err != nil || !resp.FromStore || m["v"] != "kept" || succeeded.Load() != 1 || completed.Load() != 1 {
			t.Errorf("%s: data %v, from the store %v, err %v, Success %d, Complete %d; want the kept data", name, resp.Data, resp.FromStore, err, succeeded.Load(), completed.Load())
		}
		if n := len(primary.Bodies()) + len(second.Bodies()) - tried; n != 4 {
			t.Errorf("%s: %d requests after the break; want 4 (3 attempts, the backup's one) before the store answers", name, n)
		}
		if limit := 4*attemptTimeout + 400*time.Millisecond; took > limit {
			t.Errorf("%s: took %v, more than %v", name, took, limit)
		}
	}
}
