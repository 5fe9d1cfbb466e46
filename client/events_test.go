package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/timeout"
)

func sseHeader(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	flush(w)
}

// Events reconnects when the stream ends, with Last-Event-ID and after the
// server's retry time, and stops on a 204.
func TestEventsReconnectWithLastEventID(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch srv.count.Load() {
		case 1:
			sseHeader(w)
			io.WriteString(w, "retry: 20\nid: 1\ndata: a\n\n: keep-alive\n\nid: 2\ndata: b\n")
			// cut mid-event: "b" is never dispatched
		case 2:
			sseHeader(w)
			io.WriteString(w, "id: 3\r\ndata: c\r\n\r\n")
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
	c := client.New()
	var got []string
	start := time.Now()
	for ev, err := range c.Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.ID+"="+ev.Data)
	}
	if fmt.Sprint(got) != "[1=a 3=c]" {
		t.Fatalf("events %q", got)
	}
	var lastIDs []string
	for _, r := range srv.reqs {
		lastIDs = append(lastIDs, r.Header.Get("Last-Event-ID"))
		if r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("Accept %q", r.Header.Get("Accept"))
		}
	}
	// The second connection resumes after id 1, the last event dispatched:
	// the id of an event cut off counts for nothing (WHATWG: an id field
	// fills a buffer that a blank line makes the last event ID), so a
	// server that replays after it sends "b" again.
	if fmt.Sprint(lastIDs) != "[ 1 3]" {
		t.Fatalf("Last-Event-ID per connection %q", lastIDs)
	}
	if el := time.Since(start); el < 40*time.Millisecond || el > 2*time.Second {
		t.Fatalf("took %v: the server's retry: 20 (ms) between connections was not honoured", el)
	}
}

// retry: 0 is a reconnection time like any other (WHATWG): the next
// connection comes at once, not after DefaultReconnect.
func TestEventsRetryZeroReconnectsAtOnce(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if srv.count.Load() > 2 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		sseHeader(w)
		fmt.Fprintf(w, "retry: 0\nid: %d\ndata: hi\n\n", srv.count.Load())
	})
	start := time.Now()
	n := 0
	for _, err := range client.New().Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if el := time.Since(start); n != 2 || el > 2*time.Second { // DefaultReconnect is 3 s
		t.Fatalf("%d events in %v; want 2 at once (retry: 0, not DefaultReconnect %v)", n, el, client.DefaultReconnect)
	}
}

// The last event ID is the event source's, not one connection's: an event
// without an id after a reconnection keeps it, and so does the next
// connection's Last-Event-ID. A Last-Event-ID the caller sets starts it;
// once the server clears it (an empty id field) no connection sends one.
func TestEventsLastEventIDIsTheEventSources(t *testing.T) {
	for _, c := range []struct {
		name, caller, first, second string
		events, lastIDs             string
	}{
		{"kept across connections", "", "id: 1\ndata: a\n\n", "data: b\n\n", "[1=a 1=b]", "[ 1 1]"},
		{"started by the caller, then cleared", "5", "data: a\n\nid\ndata: b\n\n", "data: c\n\n", "[5=a =b =c]", "[5  ]"},
	} {
		var srv *recorder
		srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			switch srv.count.Load() {
			case 1:
				sseHeader(w)
				io.WriteString(w, "retry: 1\n"+c.first)
			case 2:
				sseHeader(w)
				io.WriteString(w, c.second)
			default:
				w.WriteHeader(http.StatusNoContent)
			}
		})
		opt := client.Option{URL: srv.URL}
		if c.caller != "" {
			opt.Header = http.Header{"last-event-id": {c.caller}}
		}
		var got []string
		for ev, err := range client.New().Events(context.Background(), opt) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ev.ID+"="+ev.Data)
		}
		var lastIDs []string
		for _, r := range srv.reqs {
			lastIDs = append(lastIDs, r.Header.Get("Last-Event-ID"))
		}
		if fmt.Sprint(got) != c.events || fmt.Sprint(lastIDs) != c.lastIDs {
			t.Fatalf("%s: events %q, Last-Event-ID per connection %q; want %s and %s", c.name, got, lastIDs, c.events, c.lastIDs)
		}
		if vs := opt.Header["last-event-id"]; c.caller != "" && (len(vs) != 1 || vs[0] != c.caller) {
			t.Fatalf("%s: the caller's header was changed", c.name)
		}
	}
}

// Connections that bring no event are bounded by RetryTimes; an answer that
// is not an event stream ends at once.
func TestEventsGiveUp(t *testing.T) {
	empty := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "retry: 1\n\n")
	})
	c := client.New()
	var errs []error
	for _, err := range c.Events(context.Background(), client.Option{URL: empty.URL, RetryTimes: 2}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "3 connections in a row") || empty.count.Load() != 3 {
		t.Fatalf("errors %v after %d connections", errs, empty.count.Load())
	}
	notSSE := newRecorder(t, jsonHandler(`{}`))
	errs = nil
	for _, err := range c.Events(context.Background(), client.Option{URL: notSSE.URL}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], client.ErrNotEventStream) || notSSE.count.Load() != 1 {
		t.Fatalf("errors %v after %d requests", errs, notSSE.count.Load())
	}
}

// Breaking out of the loop closes the connection.
func TestEventsBreakReleases(t *testing.T) {
	gone := make(chan struct{}, 1)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		for i := 0; ; i++ {
			fmt.Fprintf(w, "data: %d\n\n", i)
			flush(w)
			select {
			case <-r.Context().Done():
				gone <- struct{}{}
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	c := client.New()
	n := 0
	for _, err := range c.Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	waitGone(t, gone)
}

// With the default Timeout, a connection whose headers never come ends
// after it (2 s), as any request's attempt does; the stream's silence
// after the headers is another matter (no idle timeout by default).
func TestEventsDefaultTimeoutBoundsTheHeaders(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	start := time.Now()
	var last error
	for _, err := range client.New().Events(context.Background(), client.Option{URL: srv.URL, RetryTimes: client.NoRetry}) {
		last = err
	}
	if el := time.Since(start); !errors.Is(last, timeout.ErrExceeded) || el < 1900*time.Millisecond || el > 3500*time.Millisecond {
		t.Fatalf("after %v: err %v; want timeout.ErrExceeded after the default 2 s", el, last)
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("%d connections; want 1 (NoRetry)", n)
	}
}

// TestEventsGiveUpTextCountsOneConnection: the error of a stream that gave
// up after one empty connection (NoRetry) says "1 connection".
func TestEventsGiveUpTextCountsOneConnection(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
	})
	var last error
	for _, err := range client.New().Events(context.Background(), client.Option{URL: srv.URL, RetryTimes: client.NoRetry}) {
		last = err
	}
	if last == nil || !strings.Contains(last.Error(), "event stream: 1 connection in a row brought no event") {
		t.Fatalf("err %v; want it to say 1 connection", last)
	}
}

// With the default Timeout, a stream silent for longer than it after the
// headers is not cut.
func TestEventsDefaultTimeoutLeavesSilenceAlone(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Last-Event-ID") != "" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		sseHeader(w)
		time.Sleep(2300 * time.Millisecond)
		io.WriteString(w, "retry: 10\nid: 1\ndata: late\n\n")
	})
	var got []string
	for ev, err := range client.New().Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.Data)
	}
	if fmt.Sprint(got) != "[late]" || srv.count.Load() != 2 {
		t.Fatalf("events %q over %d connections; want [late] over 2 (the second a 204)", got, srv.count.Load())
	}
}

// A Timeout an interceptor sets on an Events connection is what a caller's
// would be: an idle timeout too.
func TestEventsInterceptorTimeoutIsIdle(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "retry: 10\ndata: a\n\n")
		flush(w)
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
			io.WriteString(w, "data: late\n\n")
		}
	})
	short := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		opt.Timeout = 100 * time.Millisecond
		return proceed(ctx, opt)
	}
	c := client.New(client.WithInterceptors(short))
	var got []string
	for ev, err := range c.Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			break
		}
		if got = append(got, ev.Data); len(got) == 2 {
			break
		}
	}
	if fmt.Sprint(got) != "[a a]" || srv.count.Load() != 2 {
		t.Fatalf("events %q over %d connections; want the silence cut and a reconnection: [a a] over 2", got, srv.count.Load())
	}
}

// Events sets Accept: text/event-stream unless the caller set an Accept,
// and Cache-Control: no-cache in place of the caller's. A name spelled in
// another case ("accept", "cache-control") was not seen: the caller's
// Accept went with text/event-stream beside it, and their Cache-Control
// beside no-cache. Names are case-insensitive, as everywhere else.
func TestEventsHeaderNamesAnyCase(t *testing.T) {
	var accept, cc []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept, cc = r.Header.Values("Accept"), r.Header.Values("Cache-Control")
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("data: x\n\n"))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	defer c.CloseIdleConnections()
	for _, h := range []http.Header{
		{"accept": {"application/x-ndjson"}, "cache-control": {"max-age=5"}},
		{"Accept": {"application/x-ndjson"}, "Cache-Control": {"max-age=5"}},
	} {
		for ev, err := range c.Events(context.Background(), client.Option{URL: "/ev", Header: h, RetryTimes: client.NoRetry}) {
			if err != nil || ev.Data != "x" {
				t.Fatalf("%v: event %+v, %v", h, ev, err)
			}
			break
		}
		if len(accept) != 1 || accept[0] != "application/x-ndjson" || len(cc) != 1 || cc[0] != "no-cache" {
			t.Errorf("%v: sent Accept %q, Cache-Control %q; want the caller's Accept alone and no-cache alone", h, accept, cc)
		}
	}
}

// An event over the client's response size bound is the caller's to hear
// of: the sequence ends with ErrResponseTooLarge. It reconnected instead
// (the event dropped unseen), for ever while the server sent an event
// before the oversized one, downloading up to the bound each time.
func TestEventsOverTheSizeBoundEndsTheSequence(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "retry: 1\ndata: small\n\ndata: "+strings.Repeat("x", 4096)+"\n\n")
	})
	c := client.New(client.WithMaxResponseBytes(1024))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var events int
	var last error
	for ev, err := range c.Events(ctx, client.Option{URL: srv.URL}) {
		if err != nil {
			last = err
			break
		}
		if ev.Data != "small" {
			t.Fatalf("event %q", ev.Data)
		}
		if events++; events > 5 {
			break
		}
	}
	if !errors.Is(last, client.ErrResponseTooLarge) {
		t.Fatalf("after %d events and %d connections: err %v, want ErrResponseTooLarge", events, srv.count.Load(), last)
	}
	if n := srv.count.Load(); n != 1 {
		t.Errorf("%d connections, want 1: the oversized event is not reconnected for", n)
	}
}
