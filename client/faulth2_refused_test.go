package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// A POST refused twice with REFUSED_STREAM waits, inside net/http's
// HTTP/2 transport, about a second before it is sent a third time (two
// more after a third refusal): an attempt whose Timeout ends in that wait
// was not processed, so it is sent again by the retry layer, and after
// the budget fails over to the backup, its whole body each time.
func TestHTTP2RefusedStreamWaitsInsideTheAttempt(t *testing.T) {
	const refusedStream = 0x7
	const attemptTimeout = 400 * time.Millisecond
	payload := bytes.Repeat([]byte("q"), 40000)
	for _, refusals := range []int64{2, 1000} {
		var streams atomic.Int64
		srv := newH2Server(t, func(f *h2Conn, stream uint32) {
			if streams.Add(1) <= refusals {
				f.rstStream(stream, refusedStream)
				return
			}
			f.headers(stream, false, ":status", "200", "content-type", "application/json", "content-length", "7")
			f.frame(0x0, 0x1, stream, []byte(`{"a":1}`))
		})
		second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"a":2}`)
		})
		start := time.Now()
		resp, err := srv.client().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: "POST",
			Data: payload, Timeout: attemptTimeout, Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS})
		took := time.Since(start)
		m, _ := resp.Data.(map[string]any)
		want, attempts := 1.0, 2 // the second attempt's stream is answered
		if refusals > 2 {
			want, attempts = 2.0, 4 // three attempts refused, then the backup
		}
		if err != nil || m["a"] != want || resp.Attempts != attempts {
			t.Errorf("refused %d times: data %v, err %v, %d attempts; want a=%v after %d", refusals, resp.Data, err, resp.Attempts, want, attempts)
		}
		if limit := time.Duration(attempts)*attemptTimeout + 400*time.Millisecond; took > limit {
			t.Errorf("refused %d times: took %v, more than %v", refusals, took, limit)
		}
		for _, b := range srv.Bodies() {
			if !bytes.Equal(b, payload) {
				t.Errorf("refused %d times: a stream carried %d bytes, want %d", refusals, len(b), len(payload))
			}
		}
		if reqs := second.sent(); refusals > 2 && (len(reqs) != 1 || !bytes.Equal(reqs[0].Body, payload)) {
			t.Errorf("refused %d times: the backup got %d requests; want one with the whole body", refusals, len(reqs))
		}
	}
}

// A server that resets every stream with PROTOCOL_ERROR after reading it:
// net/http's HTTP/2 transport sends the request again at once, and again,
// hundreds of times a second until the context ends (over 500 POSTs, each
// maybe applied, in one 2 s attempt). A POST's attempt now lets it take
// the body anew twice, not more: at most three streams (two as net/http
// goes, which takes it once more to open a new connection), one attempt,
// an error that says so, and no backup (it may have been applied).
func TestHTTP2ResetWithProtocolErrorIsNotSentAHundredTimes(t *testing.T) {
	const protocolError = 0x1
	srv := newH2Server(t, func(f *h2Conn, stream uint32) { f.rstStream(stream, protocolError) })
	second := newRecorder(t, nil)
	payload := bytes.Repeat([]byte("z"), 40000)
	start := time.Now()
	resp, err := srv.client().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: "POST", Data: payload,
		Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS})
	took := time.Since(start)
	bodies := srv.Bodies()
	var nf *backup.NotFailedOverError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "sent the request again twice") || resp.Attempts != 1 ||
		len(bodies) == 0 || len(bodies) > 3 || len(second.sent()) != 0 || took > 1500*time.Millisecond {
		t.Errorf("err %v, %d attempts, %d streams, backup got %d, took %v; want at most 3 streams in one attempt, no backup",
			err, resp.Attempts, len(bodies), len(second.sent()), took)
	}
	for _, b := range bodies {
		if !bytes.Equal(b, payload) {
			t.Errorf("a stream carried %d bytes, want %d", len(b), len(payload))
		}
	}
}
