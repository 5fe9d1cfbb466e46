package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Events' doc: it gives up "when a connection and the RetryTimes
// reconnections after it in a row brought no event (RetryTimes 0 means 2;
// NoRetry means no reconnection)". TestEventsGiveUp holds RetryTimes 2 and
// another test NoRetry; this holds the zero value (the default, 2) and a
// count of 1.
func TestEventsEmptyConnectionsFollowRetryTimes(t *testing.T) {
	for _, c := range []struct {
		retryTimes, conns int
	}{{0, 3}, {1, 2}, {client.NoRetry, 1}} {
		empty := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			sseHeader(w)
			io.WriteString(w, "retry: 1\n\n")
		})
		var errs []error
		for _, err := range client.New().Events(context.Background(), client.Option{URL: empty.URL, RetryTimes: c.retryTimes}) {
			errs = append(errs, err)
		}
		if n := int(empty.count.Load()); n != c.conns || len(errs) != 1 || !strings.Contains(errs[0].Error(), "brought no event") {
			t.Errorf("RetryTimes %d: %d connections, errors %v; want %d connections and one error saying none brought an event",
				c.retryTimes, n, errs, c.conns)
		}
	}
}

// Response.Chunks: "For a buffered Response (no EnableChunked) it yields Raw
// once", and (the Response being the caller's to read from several places)
// a second range yields it again.
func TestChunksOfABufferedResponseYieldRawOnce(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") })
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, DataType: client.DataTypeText})
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		var got []string
		for chunk, err := range resp.Chunks() {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			got = append(got, string(chunk))
		}
		if len(got) != 1 || got[0] != "hello" || got[0] != string(resp.Raw) {
			t.Errorf("round %d: chunks %q; want Raw, %q, once", round, got, resp.Raw)
		}
	}
}

// StatusError.Decode: "An empty body is an error."
func TestStatusErrorDecodeOfAnEmptyBodyFails(t *testing.T) {
	var v map[string]any
	if err := (&client.StatusError{StatusCode: 500}).Decode(&v); err == nil {
		t.Error("Decode of an empty body gave no error")
	}
	if _, ok := client.DecodeError[map[string]any](&client.StatusError{StatusCode: 500}); ok {
		t.Error("DecodeError of an empty body reported ok")
	}
}
