package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A POST marked Idempotent (or a PUT with a body) is not traced as a POST
// is (it may be sent again anyway), so a server resetting each of its
// HTTP/2 streams with PROTOCOL_ERROR had net/http send it again at once,
// hundreds of times a second, for the whole of each attempt's Timeout
// (about 235 streams in each 1 s attempt, 705 in a call). Each attempt
// now lets the transport take the body anew twice, as a POST's does; the
// attempt fails then, is retried (it may be sent again) and fails over.
func TestHTTP2ResetWithProtocolErrorIdempotentBodyIsBounded(t *testing.T) {
	const protocolError = 0x1
	payload := bytes.Repeat([]byte("i"), 40000)
	for _, method := range []string{"POST", "PUT"} {
		srv := newH2Server(t, func(f *h2Conn, stream uint32) { f.rstStream(stream, protocolError) })
		second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"from":"backup"}`)
		})
		// Attempts may take 5 s, as in TestHTTP2ResetWithProtocolErrorBodilessIsBounded:
		// room for TLS handshakes under -race on a slow machine; the bound
		// missing would run each attempt to its 5 s.
		start := time.Now()
		resp, err := srv.client().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: method,
			Data: payload, Idempotent: true, Timeout: 5 * time.Second, Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS})
		took := time.Since(start)
		bodies := srv.Bodies()
		m, _ := resp.Data.(map[string]any)
		if err != nil || m["from"] != "backup" || resp.Attempts != 4 || len(bodies) > 9 || took > 4*time.Second {
			t.Errorf("%s: data %v, err %v, %d attempts, %d streams, took %v; want the backup's answer after 3 attempts of at most 3 streams",
				method, resp.Data, err, resp.Attempts, len(bodies), took)
		}
		for _, b := range bodies {
			if !bytes.Equal(b, payload) {
				t.Errorf("%s: a stream carried %d bytes, want %d", method, len(b), len(payload))
			}
		}
		if reqs := second.sent(); len(reqs) != 1 || !bytes.Equal(reqs[0].Body, payload) {
			t.Errorf("%s: the backup got %d requests; want one with the whole body", method, len(reqs))
		}

		// Without a backup, the error says what happened.
		_, err = srv.client().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: method,
			Data: payload, Idempotent: true, Timeout: 5 * time.Second, RetryTimes: client.NoRetry})
		if err == nil || !strings.Contains(err.Error(), "sent the request again and again") {
			t.Errorf("%s: err %v; want one saying the transport sent it again and again", method, err)
		}
	}
}
