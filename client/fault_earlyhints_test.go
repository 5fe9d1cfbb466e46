package client_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// earlyHintsLinks is a 103 Early Hints header block of about 300 KB of
// Link fields: four of them pass the transport's 1 MiB limit on headers.
func earlyHintsLinks(set func(name, value string)) {
	link := "<https://cdn.example/" + strings.Repeat("a", 200) + ">; rel=preload"
	for i := range 1200 {
		set(fmt.Sprintf("Link-%04d", i), link)
	}
}

// An answer whose 1xx (103 Early Hints) header blocks pass the
// transport's limit on headers fails as one whose final header block does
// (README's RetryTimes row: not retried, the server would send them
// again; the backup is tried), over HTTP/1 and over HTTP/2 alike.
func TestOversizedEarlyHintsAreNotRetried(t *testing.T) {
	h1 := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
		for range 4 {
			w.WriteString("HTTP/1.1 103 Early Hints\r\n")
			earlyHintsLinks(func(name, value string) { w.WriteString(name + ": " + value + "\r\n") })
			w.WriteString("\r\n")
		}
		w.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
		w.Flush()
		return true
	})
	h2, h2client, h2count := newH2TestServer(t, func(w http.ResponseWriter, r *http.Request) {
		for range 4 {
			earlyHintsLinks(w.Header().Set)
			w.WriteHeader(http.StatusEarlyHints)
			for k := range w.Header() {
				w.Header().Del(k)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{}`)
	})
	second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"from":"backup"}`)
	})
	for _, tc := range []struct {
		name  string
		url   string
		c     *client.Client
		count func() int
	}{
		{"HTTP/1", h1.URL, fastClient(), func() int { return len(h1.Bodies()) }},
		{"HTTP/2", h2.URL, h2client, func() int { return int(h2count.Load()) }},
	} {
		before := tc.count()
		start := time.Now()
		// Each attempt may take 10 s: under -race on a loaded machine four
		// 300 KB header blocks over TLS took over 2 s, and timed out.
		resp, err := tc.c.Request(context.Background(), client.Option{URL: tc.url + "/x", Timeout: 10 * time.Second,
			Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS})
		m, _ := resp.Data.(map[string]any)
		if err != nil || m["from"] != "backup" || resp.Attempts != 2 || tc.count()-before != 1 {
			t.Errorf("%s: data %v, err %v, %d attempts, %d at the primary; want the backup's answer after one attempt there",
				tc.name, resp.Data, err, resp.Attempts, tc.count()-before)
		}
		if took := time.Since(start); took > 8*time.Second { // an attempt that hangs takes 10 s
			t.Errorf("%s: took %v", tc.name, took)
		}
	}
}
