package client_test

import (
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
)

// A broken GET with a strong ETag resumes with Range + If-Range from the
// last byte delivered, counted as an attempt; the caller sees one body.
func TestStreamResumeWith206(t *testing.T) {
	full := strings.Repeat("abcdefghij", 1000)
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n := srv.count.Load()
		w.Header().Set("ETag", `"v1"`)
		rg := r.Header.Get("Range")
		switch {
		case n == 1:
			cutAfter(w, full[:3000], len(full))
		case rg != "":
			from, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(full)-1, len(full)))
			w.WriteHeader(http.StatusPartialContent)
			io.WriteString(w, full[from:])
		}
	})
	c := client.New(fastRetry)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(got) != full {
		t.Fatalf("%d bytes (want %d), err %v", len(got), len(full), err)
	}
	var ranges []string
	for _, r := range srv.reqs {
		ranges = append(ranges, r.Header.Get("Range")+"|"+r.Header.Get("If-Range"))
	}
	if fmt.Sprint(ranges) != `[| bytes=3000-|"v1"]` || resp.Attempts != 1 {
		t.Fatalf("requests' Range|If-Range: %q", ranges)
	}
}

// A server that ignores Range answers 200 with the whole body: with the
// same strong ETag the bytes already delivered are skipped; with another
// the stream ends with ErrResumeRefused and the caller never gets bytes
// out of place.
func TestStreamResumeServerIgnoresRange(t *testing.T) {
	full := strings.Repeat("0123456789", 1000)
	for _, tc := range []struct {
		name, etag2 string
		ok          bool
	}{{"same etag", `"v1"`, true}, {"changed", `"v2"`, false}} {
		t.Run(tc.name, func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if srv.count.Load() == 1 {
					w.Header().Set("ETag", `"v1"`)
					cutAfter(w, full[:4000], len(full))
				}
				w.Header().Set("ETag", tc.etag2)
				io.WriteString(w, full) // Range ignored
			})
			c := client.New(fastRetry)
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if tc.ok {
				if err != nil || string(got) != full {
					t.Fatalf("%d bytes, err %v", len(got), err)
				}
				return
			}
			var se *middleware.StreamError
			if !errors.Is(err, retry.ErrResumeRefused) || !errors.As(err, &se) || se.Delivered != 4000 || string(got) != full[:4000] {
				t.Fatalf("%d bytes, err %v", len(got), err)
			}
		})
	}
}

// The layers that need the whole body are refused before any I/O.
func TestStreamRefusesWholeBodyLayers(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{}`))
	c := client.New()
	for name, opt := range map[string]client.Option{
		"DataCheck": {DataCheck: func(*client.Response) bool { return true }},
		"UseStore":  {UseStore: true},
		"JSONP":     {JSONP: true},
		"Cache":     {Cache: client.CacheForceCache},
	} {
		opt.URL, opt.EnableChunked = srv.URL, true
		_, err := c.Request(context.Background(), opt)
		if !errors.Is(err, client.ErrInvalidOption) || !strings.Contains(err.Error(), "EnableChunked") {
			t.Errorf("%s: err %v", name, err)
		}
	}
	_, err := client.Do[map[string]any](context.Background(), c, client.Option{URL: srv.URL, EnableChunked: true})
	if !errors.Is(err, client.ErrInvalidOption) {
		t.Errorf("Do: err %v", err)
	}
	if n := srv.count.Load(); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

// Abort mid-stream ends the task with ErrAbort and releases the connection
// and every goroutine (goleak in TestMain); so does leaving Chunks early.
func TestStreamAbortReleases(t *testing.T) {
	gone := make(chan struct{}, 2)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		for {
			if _, err := io.WriteString(w, strings.Repeat("z", 1024)); err != nil {
				break
			}
			flush(w)
			select {
			case <-r.Context().Done():
				gone <- struct{}{}
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
		gone <- struct{}{}
	})
	c := client.New()
	task := c.Go(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	got := make(chan struct{}, 1)
	task.OnChunkReceived(func([]byte) {
		select {
		case got <- struct{}{}:
		default:
		}
	})
	<-got
	task.Abort()
	resp, err := task.Wait()
	if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" {
		t.Fatalf("err %v, ErrMsg %q", err, resp.ErrMsg)
	}
	waitGone(t, gone)

	resp, err = c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	for range resp.Chunks() {
		break
	}
	waitGone(t, gone)
}

func waitGone(t *testing.T, gone chan struct{}) {
	t.Helper()
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the server still sends: the connection was not released")
	}
}

// Closing a stream while it waits to resume ends the wait at once: no
// Range request is sent after Close, and the blocked Read returns.
func TestStreamCloseEndsResumeWait(t *testing.T) {
	full := strings.Repeat("abcdefghij", 1000)
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if srv.count.Load() == 1 {
			cutAfter(w, full[:3000], len(full))
		}
	})
	slow := client.WithRetry(retry.WithBackoff(retryablehttp.DefaultBackoff, 5*time.Second, 5*time.Second))
	resp, err := client.New(slow).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(resp.Body, make([]byte, 3000)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(resp.Body) // breaks, then waits 5s to resume
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	resp.Body.Close()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Read still blocked 2s after Close")
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("Read returned %v after Close", elapsed)
	}
	time.Sleep(50 * time.Millisecond)
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("%d requests, want 1: a resumption went out after Close", n)
	}
}
