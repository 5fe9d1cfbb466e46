package client_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/transports"
)

// An origin that answers a revalidation with a malformed status was
// reached: over HTTP/1 the call fails, and over HTTP/2 it must too, not
// be served the stale entry as if the origin were unreachable.
func TestMalformedAnswerIsNoUnreachableOrigin(t *testing.T) {
	const ok = `{"v":"old"}`
	type endpoint struct {
		name  string
		url   string
		tr    *http.Transport
		phase *atomic.Int32
	}
	var endpoints []endpoint
	{
		phase := new(atomic.Int32)
		srv := newH2Server(t, func(f *h2Conn, stream uint32) {
			if phase.Load() == 0 {
				f.headers(stream, false, ":status", "200", "content-type", "application/json", "cache-control", "max-age=60", "etag", `"old"`)
				f.frame(0x0, 0x1, stream, []byte(ok))
				return
			}
			f.headers(stream, true, ":status", "2x0")
		})
		tr := transports.Default()
		pool := x509.NewCertPool()
		pool.AddCert(srv.cert)
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
		t.Cleanup(tr.CloseIdleConnections)
		endpoints = append(endpoints, endpoint{"h2", srv.URL, tr, phase})
	}
	{
		phase := new(atomic.Int32)
		srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
			if phase.Load() == 0 {
				w.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: max-age=60\r\nETag: \"old\"\r\nContent-Length: 11\r\n\r\n" + ok)
			} else {
				w.WriteString("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n")
			}
			w.Flush()
			return true
		})
		tr := transports.Default()
		t.Cleanup(tr.CloseIdleConnections)
		endpoints = append(endpoints, endpoint{"h1", srv.URL, tr, phase})
	}
	for _, e := range endpoints {
		var now atomic.Int64
		now.Store(time.Now().UnixNano())
		c := fastClient(client.WithTransport(e.tr), client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
		opt := client.Option{URL: e.url + "/x", Timeout: time.Second}
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatalf("%s: filling the cache: %v", e.name, err)
		}
		e.phase.Store(1)
		now.Add(int64(time.Hour))
		resp, err := c.Request(context.Background(), opt)
		if err == nil {
			t.Errorf("%s: a malformed answer was served the stale entry (FromCache %v)", e.name, resp.FromCache)
		} else {
			t.Logf("%s: %v", e.name, err)
		}
	}
}
