package client_test

import (
	"bytes"
	"context"
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
	"github.com/taroreq/taroreq/encoders"
)

// A body reader that panics panics in the caller's goroutine, where the
// caller can recover it, not in one of the client's.
func TestReaderPanicReachesCaller(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	defer func() {
		if recover() == nil {
			t.Error("no panic reached the caller")
		}
	}()
	_, _ = client.New().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: io.NopCloser((*bytes.Buffer)(nil))})
}

// A pipe as GET data is refused as any reader is, before any request.
func TestGETWithPipeIsUnencodable(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	pr, pw := io.Pipe()
	defer pr.Close() // the writer gives up once the reader is closed
	go func() { _, _ = pw.Write([]byte("secret=body")); pw.Close() }()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Data: pr})
	if !errors.Is(err, encoders.ErrUnencodable) || hits.Load() != 0 {
		t.Errorf("err %v, %d requests", err, hits.Load())
	}
}

// Whatever build refuses is refused at once, the reader unread, and a
// corrected proceed then sends it whole.
func TestReaderBodyRefusedOptionsNoWait(t *testing.T) {
	for name, tc := range map[string]struct {
		opt  client.Option
		want error
	}{
		"jsonp-post":   {client.Option{JSONP: true}, client.ErrInvalidOption},
		"bad-header":   {client.Option{Header: http.Header{"X-A": {"a\r\nb"}}}, client.ErrInvalidHeader},
		"bad-backup":   {client.Option{Backup: []string{"ftp://x/"}}, client.ErrInvalidURL},
		"cross-origin": {client.Option{Backup: []string{"http://127.0.0.2:1/x"}}, client.ErrCrossOrigin},
	} {
		pr, pw := io.Pipe()
		opt := tc.opt
		opt.URL, opt.Method, opt.Data, opt.Timeout = "http://127.0.0.1:1/x", "POST", pr, 2*time.Second
		start := time.Now()
		_, err := client.New(client.WithBaseURL("http://127.0.0.1:1")).Request(context.Background(), opt)
		if took := time.Since(start); took > time.Second || !errors.Is(err, tc.want) {
			t.Errorf("%s: %v after %v", name, err, took)
		}
		pw.Close()
	}
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if errors.Is(err, client.ErrInvalidURL) {
			opt.URL = srv.URL
			return proceed(ctx, opt)
		}
		return resp, err
	}
	pr, pw := io.Pipe()
	go func() { _, _ = io.Copy(pw, strings.NewReader("payload")); pw.Close() }()
	_, err := client.New(client.WithInterceptors(fix)).Request(context.Background(),
		client.Option{URL: "ftp://bad/", Method: "POST", Data: pr})
	if got := sink.all(); err != nil || len(got) != 1 || got[0] != "payload" {
		t.Errorf("corrected proceed: %v, bodies %q", err, got)
	}
}

// A reader of a type that cannot be compared is still known again: a
// second proceed sends it whole.
func TestUncomparableReaderSentAgainWhole(t *testing.T) {
	var sink bodySink
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	refresh := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			return proceed(ctx, opt)
		}
		return resp, err
	}
	rd := io.NopCloser(readerFunc(strings.NewReader("hello").Read))
	_, err := client.New(client.WithInterceptors(refresh)).Request(context.Background(),
		client.Option{URL: srv.URL, Method: "POST", Data: rd})
	if got := sink.all(); err != nil || len(got) != 2 || got[0] != "hello" || got[1] != "hello" {
		t.Errorf("%v, bodies %q", err, got)
	}
}

// A no-cors POST refused for the Content-Type its reader body would get,
// and a GET refused for reader data, leave the reader unread: a corrected
// proceed sends it whole.
func TestRefusedReaderGivenBack(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	for name, tc := range map[string]struct {
		opt client.Option
		fix func(*client.Option)
	}{
		"no-cors": {client.Option{URL: srv.URL + "/x", Method: "POST", Mode: client.ModeNoCORS},
			func(o *client.Option) { o.Header = http.Header{"Content-Type": {"text/plain"}} }},
		"get": {client.Option{URL: srv.URL + "/x"}, func(o *client.Option) { o.Method = "POST" }},
	} {
		sink = bodySink{}
		fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			if resp, err := proceed(ctx, opt); err == nil {
				return resp, err
			}
			tc.fix(&opt)
			return proceed(ctx, opt)
		}
		pr, pw := io.Pipe()
		go func() { _, _ = io.Copy(pw, strings.NewReader("payload")); pw.Close() }()
		opt := tc.opt
		opt.Data = pr
		_, err := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(fix)).Request(context.Background(), opt)
		if got := sink.all(); err != nil || len(got) != 1 || got[0] != "payload" {
			t.Errorf("%s: %v, bodies %q", name, err, got)
		}
		pr.Close()
	}
}

// Do refuses EnableChunked before it reads a reader body: a corrected
// proceed sends it whole; and a reader POSTed once is still refused as GET
// data, not put in the query.
func TestReaderBodyRefusalsAfterFirstSend(t *testing.T) {
	var sink bodySink
	var queries []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.Method+" "+r.URL.RawQuery)
		mu.Unlock()
		sink.add(r)
		_, _ = w.Write([]byte(`{"n":1}`))
	}))
	defer srv.Close()
	fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if resp, err := proceed(ctx, opt); err == nil {
			return resp, nil
		}
		opt.EnableChunked = false
		return proceed(ctx, opt)
	}
	pr, pw := io.Pipe()
	go func() { _, _ = io.Copy(pw, strings.NewReader("payload-longer-than-4")); pw.Close() }()
	_, err := client.Do[map[string]int](context.Background(), client.New(client.WithInterceptors(fix), client.WithMaxRequestBuffer(4)),
		client.Option{URL: srv.URL, Method: "POST", Data: pr, EnableChunked: true, RetryTimes: client.NoRetry})
	pr.Close()
	if got := sink.all(); err != nil || len(got) != 1 || got[0] != "payload-longer-than-4" {
		t.Fatalf("chunked Do: %v, bodies %q", err, got)
	}

	var second error
	thenGet := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		o := opt
		o.Method = "GET"
		_, second = proceed(ctx, o)
		return resp, err
	}
	pr, pw = io.Pipe()
	go func() { _, _ = io.Copy(pw, strings.NewReader("secret=payload")); pw.Close() }()
	_, err = client.New(client.WithInterceptors(thenGet)).Request(context.Background(),
		client.Option{URL: srv.URL, Method: "POST", Data: pr})
	if err != nil || !errors.Is(second, encoders.ErrUnencodable) {
		t.Errorf("POST %v, then GET of the same reader %v; requests %q", err, second, queries)
	}
}

// A reader first given as query data, one with exported fields too, is
// refused there (a reader is no query data) and not read: later POSTs read
// it, once, and send it whole every time.
func TestReaderQueryThenBodies(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	var first error
	icpt := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		_, first = proceed(ctx, opt)
		o := opt
		o.Method = "POST"
		_, _ = proceed(ctx, o)
		return proceed(ctx, o)
	}
	data := &io.LimitedReader{R: strings.NewReader("payload"), N: 100}
	_, err := client.New(client.WithInterceptors(icpt)).Request(context.Background(),
		client.Option{URL: srv.URL, Data: data, RetryTimes: client.NoRetry})
	if !errors.Is(first, encoders.ErrUnencodable) {
		t.Errorf("GET with a reader as its data: %v, want ErrUnencodable", first)
	}
	if got := sink.all(); err != nil || len(got) != 2 || got[0] != "payload" || got[1] != "payload" {
		t.Errorf("%v: bodies %q", err, got)
	}
}
