package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// toxicsServer answers with a JSON body of 8 KiB naming the length of the
// request body it read; it keeps, for each request, how many body bytes it
// read and whether the body came whole (its read ended without error).
type toxicsServer struct {
	*httptest.Server
	mu    sync.Mutex
	reads []toxicsRead
}

type toxicsRead struct {
	n     int
	whole bool
}

const toxicsPad = 8 << 10

func newToxicsServer(t *testing.T, delay time.Duration) *toxicsServer {
	s := &toxicsServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		s.mu.Lock()
		s.reads = append(s.reads, toxicsRead{len(b), err == nil})
		s.mu.Unlock()
		if err != nil {
			return
		}
		time.Sleep(delay)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"got": len(b), "pad": strings.Repeat("p", toxicsPad)})
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *toxicsServer) Reads() []toxicsRead {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]toxicsRead(nil), s.reads...)
}

// toxiproxy's toxics between the full default client and a server, for a
// GET and a POST: the caller gets the whole answer in one attempt, or an
// error that says so (a fault of time timeout.ErrExceeded with
// "request:fail timeout"; a GET retried to retry.ErrExhausted, a POST that
// reached the server sent once), Success or Fail then Complete once, within
// the Timeouts; every body the server read whole is the whole POST body.
func TestFaultToxics(t *testing.T) {
	const attemptTimeout = 400 * time.Millisecond
	payload := bytes.Repeat([]byte("t"), 64<<10)
	cases := []struct {
		name           string
		up, down       toxic
		serverDelay    time.Duration
		okGET, okPOST  bool
		timed          bool // a failure of time: timeout.ErrExceeded
		postAttempts   int  // attempts of a failing POST (0: 1)
		plainTransport bool // also through c.Transport() in a plain http.Client
	}{
		{name: "latency downstream 50ms", down: latency(50 * time.Millisecond), okGET: true, okPOST: true, plainTransport: true},
		{name: "latency upstream 50ms", up: latency(50 * time.Millisecond), okGET: true, okPOST: true},
		{name: "bandwidth 1 MB/s both ways", up: bandwidth(1 << 20), down: bandwidth(1 << 20), okGET: true, okPOST: true},
		{name: "bandwidth 5 KB/s downstream", down: bandwidth(5 << 10), timed: true},
		{name: "bandwidth 20 KB/s upstream", up: bandwidth(20 << 10), okGET: true, timed: true},
		{name: "slicer 100 B / 1ms downstream", down: slicer(100, time.Millisecond), okGET: true, okPOST: true, plainTransport: true},
		{name: "slicer 500 B / 1ms upstream", up: slicer(500, time.Millisecond), okGET: true, okPOST: true},
		{name: "limit_data 100 downstream", down: limitData(100)},
		{name: "limit_data 4000 downstream", down: limitData(4000)},
		{name: "limit_data 50 upstream", up: limitData(50)},
		{name: "limit_data 30000 upstream", up: limitData(30000), okGET: true},
		{name: "reset_peer 100ms", down: resetPeer(100 * time.Millisecond), serverDelay: 250 * time.Millisecond},
		{name: "timeout downstream", down: stall, timed: true, plainTransport: true},
		{name: "timeout upstream", up: stall, timed: true},
	}
	for _, tc := range cases {
		srv := newToxicsServer(t, tc.serverDelay)
		url := "http://" + toxicProxy(t, strings.TrimPrefix(srv.URL, "http://"), tc.up, tc.down) + "/x"
		c := fastClient()
		for _, method := range []string{"GET", "POST"} {
			what := tc.name + ", " + method
			ok, attempts := tc.okGET, 3
			if method == "POST" {
				ok, attempts = tc.okPOST, 1
			}
			if ok {
				attempts = 1
			}
			// A fault of time gets a Timeout it overruns by far; any other
			// answer ends on its own in milliseconds and gets room for a
			// slow machine (under -race, loaded, 50 ms of latency outran
			// 400 ms), with a limit that one attempt running into that
			// Timeout would pass.
			attempt, limit := attemptTimeout, time.Duration(attempts)*attemptTimeout+time.Second
			if ok || !tc.timed {
				attempt, limit = 5*time.Second, 3*time.Second
			}
			var succeeded, failed, completed atomic.Int64
			opt := client.Option{URL: url, Method: method, Timeout: attempt,
				Success:  func(*client.Response) { succeeded.Add(1) },
				Fail:     func(*client.Response, error) { failed.Add(1) },
				Complete: func(*client.Response, error) { completed.Add(1) }}
			sent := 0
			if method == "POST" {
				opt.Data, sent = payload, len(payload)
			}
			before := len(srv.Reads())
			start := time.Now()
			resp, err := c.Request(context.Background(), opt)
			took := time.Since(start)
			m, _ := resp.Data.(map[string]any)
			pad, _ := m["pad"].(string)
			switch {
			case ok && (err != nil || m["got"] != float64(sent) || len(pad) != toxicsPad || resp.Attempts != 1 ||
				resp.ErrMsg != "request:ok" || succeeded.Load() != 1 || completed.Load() != 1):
				t.Errorf("%s: got %v and %d bytes of pad, err %v, %d attempts, callbacks %d/%d/%d; want the whole answer at once",
					what, m["got"], len(pad), err, resp.Attempts, succeeded.Load(), failed.Load(), completed.Load())
			case !ok && (err == nil || resp.Attempts != attempts || errors.Is(err, retry.ErrExhausted) != (attempts > 1) ||
				errors.Is(err, timeout.ErrExceeded) != tc.timed || failed.Load() != 1 || completed.Load() != 1 ||
				tc.timed && resp.ErrMsg != "request:fail timeout" ||
				!tc.timed && resp.ErrMsg != "request:fail "+err.(*client.Error).Err.Error()):
				t.Errorf("%s: err %v (ErrMsg %q), %d attempts, callbacks %d/%d/%d; want an error after %d (timed %v)",
					what, err, resp.ErrMsg, resp.Attempts, succeeded.Load(), failed.Load(), completed.Load(), attempts, tc.timed)
			}
			if took > limit {
				t.Errorf("%s: took %v, more than %v", what, took, limit)
			}
			for i, r := range srv.Reads()[before:] {
				if r.whole && r.n != sent {
					t.Errorf("%s: request %d came whole with %d body bytes, want %d", what, i+1, r.n, sent)
				}
			}
		}
		if tc.plainTransport {
			// Timeout is the default here (2 s): the ctx's deadline bounds
			// the request, a failing one's well before the Timeout would
			// (and within a second's room for a slow machine), an answer
			// that comes whole within the Timeout.
			hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
			deadline := 5 * time.Second
			if !tc.okGET {
				deadline = 300 * time.Millisecond
			}
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			start := time.Now()
			req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
			resp, err := hc.Do(req)
			var body []byte
			if err == nil {
				body, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			cancel()
			took := time.Since(start)
			if tc.okGET && (err != nil || !bytes.Contains(body, []byte(strings.Repeat("p", toxicsPad)))) {
				t.Errorf("%s, plain http.Client: err %v, %d bytes; want the whole answer", tc.name, err, len(body))
			}
			if !tc.okGET && (!errors.Is(err, context.DeadlineExceeded) || took > deadline+time.Second) {
				t.Errorf("%s, plain http.Client: err %v after %v; want the ctx's deadline", tc.name, err, took)
			}
		}
	}
}
