package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// An unsolicited 101 (go-httpbin's /status/101) is fetch's network error,
// and the call treats it as one at every layer: a GET is retried and then
// fails over to its Backup, which answers, where the retry and backup
// layers took the 101 for the URL's answer and the call failed with
// ErrProtocolSwitch after one attempt, its Backup never tried. A POST that
// went out is neither sent again nor failed over, as for a connection that
// broke after the write.
func TestUnsolicited101IsAFailedAttempt(t *testing.T) {
	var switched atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path != "/switch" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"from":"backup"}`)
			return
		}
		switched.Add(1)
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		conn.SetReadDeadline(time.Now().Add(3 * time.Second))
		io.Copy(io.Discard, conn) // until the client closes the switched connection
	}))
	defer srv.Close()
	c := fastClient(client.WithBaseURL(srv.URL))

	resp, err := c.Request(context.Background(), client.Option{URL: "/switch", Backup: []string{"/ok"}, Timeout: 2 * time.Second})
	m, _ := resp.Data.(map[string]any)
	if err != nil || m["from"] != "backup" || resp.Attempts != 4 || switched.Load() != 3 {
		t.Errorf("GET with a Backup: data %v, err %v, %d attempts, %d 101s; want the backup's answer after 3 attempts on the 101",
			resp.Data, err, resp.Attempts, switched.Load())
	}

	switched.Store(0)
	resp, err = c.Request(context.Background(), client.Option{URL: "/switch", Timeout: 2 * time.Second})
	if !errors.Is(err, client.ErrProtocolSwitch) || resp.StatusCode != 0 || resp.Attempts != 3 || switched.Load() != 3 {
		t.Errorf("GET alone: status %d, err %v, %d attempts, %d 101s; want ErrProtocolSwitch after 3 attempts",
			resp.StatusCode, err, resp.Attempts, switched.Load())
	}

	switched.Store(0)
	resp, err = c.Request(context.Background(), client.Option{URL: "/switch", Method: "POST", Data: map[string]any{"a": 1}, Backup: []string{"/ok"}, Timeout: 2 * time.Second})
	if !errors.Is(err, client.ErrProtocolSwitch) || resp.Attempts != 1 || switched.Load() != 1 {
		t.Errorf("POST with a Backup: data %v, err %v, %d attempts, %d 101s; want ErrProtocolSwitch after one attempt, no failover",
			resp.Data, err, resp.Attempts, switched.Load())
	}
}
