package client_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/transports"
)

// A POST refused twice with REFUSED_STREAM waits, inside net/http's
// HTTP/2 transport, about a second before it is sent a third time: an
// attempt whose Timeout ends in that wait fails as maybe sent, not sent
// again and not failed over, since the client cannot tell that wait from
// one after a PROTOCOL_ERROR reset, whose stream may have been applied
// (TestHTTP2ProtocolErrorResendThatTimesOutIsNotSentAgain). Marked
// Idempotent, it is sent again by the retry layer, and after the budget
// fails over to the backup, its whole body each time.
func TestHTTP2RefusedStreamWaitsInsideTheAttempt(t *testing.T) {
	const refusedStream = 0x7
	const attemptTimeout = 400 * time.Millisecond
	payload := bytes.Repeat([]byte("q"), 40000)
	for _, tc := range []struct {
		refusals   int64
		idempotent bool
		want       float64 // the answer's a; 0: the call fails
		attempts   int
	}{
		{2, false, 0, 1}, // not sent again: maybe applied, as far as the client can tell
		{1000, false, 0, 1},
		{2, true, 1, 2},    // the second attempt's stream is answered
		{1000, true, 2, 4}, // three attempts refused, then the backup
	} {
		var streams atomic.Int64
		srv := newH2Server(t, func(f *h2Conn, stream uint32) {
			if streams.Add(1) <= tc.refusals {
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
			Data: payload, Timeout: attemptTimeout, Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS, Idempotent: tc.idempotent})
		took := time.Since(start)
		m, _ := resp.Data.(map[string]any)
		if tc.want == 0 {
			var nf *backup.NotFailedOverError
			if err == nil || !errors.As(err, &nf) || resp.Attempts != 1 {
				t.Errorf("refused %d times: data %v, err %v, %d attempts; want one attempt, not failed over", tc.refusals, resp.Data, err, resp.Attempts)
			}
		} else if err != nil || m["a"] != tc.want || resp.Attempts != tc.attempts {
			t.Errorf("refused %d times, Idempotent: data %v, err %v, %d attempts; want a=%v after %d", tc.refusals, resp.Data, err, resp.Attempts, tc.want, tc.attempts)
		}
		if limit := time.Duration(tc.attempts)*attemptTimeout + 400*time.Millisecond; took > limit {
			t.Errorf("refused %d times: took %v, more than %v", tc.refusals, took, limit)
		}
		for _, b := range srv.Bodies() {
			if !bytes.Equal(b, payload) {
				t.Errorf("refused %d times: a stream carried %d bytes, want %d", tc.refusals, len(b), len(payload))
			}
		}
		reqs := second.sent()
		if wantBackup := tc.want == 2; wantBackup && (len(reqs) != 1 || !bytes.Equal(reqs[0].Body, payload)) || !wantBackup && len(reqs) != 0 {
			t.Errorf("refused %d times: the backup got %d requests", tc.refusals, len(reqs))
		}
	}
}

// A POST the origin read and reset with PROTOCOL_ERROR (maybe applied),
// which net/http sends again by itself on a new connection that is slow to
// come: the attempt's Timeout ends in that wait. It was taken for an unsent
// attempt (review28): retried, then sent to the backup too. It fails now,
// one attempt, not failed over.
func TestHTTP2ProtocolErrorResendThatTimesOutIsNotSentAgain(t *testing.T) {
	const protocolError = 0x1
	srv := newH2Server(t, func(f *h2Conn, stream uint32) { f.rstStream(stream, protocolError) })
	second := newRecorder(t, nil)
	payload := bytes.Repeat([]byte("z"), 4000)
	tr := transports.Default()
	pool := x509.NewCertPool()
	pool.AddCert(srv.cert)
	tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	t.Cleanup(tr.CloseIdleConnections)
	var dials atomic.Int32
	var d net.Dialer
	stalled := make(chan struct{})
	defer close(stalled)
	primary := strings.TrimPrefix(srv.URL, "https://")
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == primary && dials.Add(1) > 1 {
			select { // the origin is slow to take a new connection
			case <-ctx.Done():
			case <-stalled:
			}
			return nil, context.DeadlineExceeded
		}
		return d.DialContext(ctx, network, addr)
	}
	c := fastClient(client.WithTransport(tr))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: "POST", Data: payload,
		Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS, Timeout: 500 * time.Millisecond})
	var nf *backup.NotFailedOverError
	if err == nil || !errors.As(err, &nf) || resp.Attempts != 1 || len(second.sent()) != 0 {
		t.Errorf("err %v, %d attempts, the backup got %d; want one attempt, not failed over", err, resp.Attempts, len(second.sent()))
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
	// The attempt may take 5 s (the default 2 s sat 500 ms above the bound):
	// the resends unbounded would run it to its end.
	resp, err := srv.client().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: "POST", Data: payload,
		Timeout: 5 * time.Second, Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS})
	took := time.Since(start)
	bodies := srv.Bodies()
	var nf *backup.NotFailedOverError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "sent the request again and again") || resp.Attempts != 1 ||
		len(bodies) == 0 || len(bodies) > 3 || len(second.sent()) != 0 || took > 4*time.Second {
		t.Errorf("err %v, %d attempts, %d streams, backup got %d, took %v; want at most 3 streams in one attempt, no backup",
			err, resp.Attempts, len(bodies), len(second.sent()), took)
	}
	for _, b := range bodies {
		if !bytes.Equal(b, payload) {
			t.Errorf("a stream carried %d bytes, want %d", len(b), len(payload))
		}
	}
}
