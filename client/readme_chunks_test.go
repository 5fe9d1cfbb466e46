package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// README (Streaming): a break comes out of resp.Chunks() as an error whose
// *middleware.StreamError counts the bytes the chunks delivered; leaving the
// loop early closes the body (the server sees the request end).
func TestReadmeChunksErrorAndEarlyBreak(t *testing.T) {
	full := strings.Repeat("y", 1000)
	gone := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cut" {
			cutAfter(w, full[:300], len(full))
		}
		w.Write([]byte(full[:10]))
		flush(w)
		select {
		case <-r.Context().Done():
			close(gone)
		case <-time.After(5 * time.Second):
		}
	})
	c := client.New(fastRetry)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/cut", EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	var got int
	var last error
	for chunk, err := range resp.Chunks() {
		if err != nil {
			last = err
			break
		}
		got += len(chunk)
	}
	var se *middleware.StreamError
	if !errors.Is(last, client.ErrStreamBroken) || !errors.As(last, &se) || se.Delivered != int64(got) || got != 300 {
		t.Fatalf("%d bytes, %v; want 300 and a StreamError counting them", got, last)
	}

	resp, err = c.Request(context.Background(), client.Option{URL: srv.URL + "/hold", EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	for range resp.Chunks() {
		break
	}
	select {
	case <-gone:
	case <-time.After(2 * time.Second):
		t.Fatal("leaving the Chunks loop early did not end the request")
	}
}

// A Task started with EnableChunked calls Success after the last chunk; a
// stream that breaks calls Fail (with ErrStreamBroken), not Success, and
// Complete once, after the listener has had every chunk delivered.
func TestReadmeChunkedTaskFailsOnABreak(t *testing.T) {
	full := strings.Repeat("z", 1000)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { cutAfter(w, full[:300], len(full)) })
	var chunks, success, fail, complete int
	var failErr error
	registered := make(chan struct{})
	gate := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			<-registered
			return next.RoundTrip(r)
		})
	}
	task := client.New(fastRetry, client.WithOuterLayers(gate)).Go(context.Background(), client.Option{URL: srv.URL, EnableChunked: true,
		Success:  func(*client.Response) { success++ },
		Fail:     func(_ *client.Response, err error) { fail++; failErr = err },
		Complete: func(*client.Response, error) { complete++ },
	})
	task.OnChunkReceived(func(b []byte) { chunks += len(b) })
	close(registered)
	_, err := task.Wait()
	if !errors.Is(err, client.ErrStreamBroken) {
		t.Fatalf("Wait: %v, want ErrStreamBroken", err)
	}
	if success != 0 || fail != 1 || complete != 1 || !errors.Is(failErr, client.ErrStreamBroken) || chunks != 300 {
		t.Fatalf("success %d fail %d (%v) complete %d, %d bytes to the listener; want 0 1 1 and 300",
			success, fail, failErr, complete, chunks)
	}
}
