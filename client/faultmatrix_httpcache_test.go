package client_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/transports"
)

// The phases of a cache fault server: a fresh answer to cache, then the
// fault, then a 304 that revalidates what the cache holds.
const (
	cachePhaseAnswer = iota
	cachePhaseFault
	cachePhaseNotModified
)

// Through the client's HTTP cache and through c.Transport() in a plain
// http.Client, over HTTP/2 and HTTP/1: an answer whose body is cut (a
// RST_STREAM or a GOAWAY mid-body, a stalled stream, a connection cut
// after 4000 bytes) never becomes a cache entry, and a 304 revalidation
// whose header block is cut leaves the old entry whole: the next 304
// serves it. The fault answers with an error, or with the stale entry,
// whole, where the origin counts as unreachable. A plain http.Client gets the fault as an error, from Do or
// from the body's Read, never a short body read as whole.
func TestFaultHTTPCacheKeepsNoCutAnswer(t *testing.T) {
	const attemptTimeout = 400 * time.Millisecond
	body := storeFaultBody("old")
	type endpoint struct {
		name string
		url  string
		tr   *http.Transport
	}
	var endpoints []endpoint
	var phases []*atomic.Int32
	h2 := func(name string, fault func(f *h2Conn, stream uint32)) {
		phase := new(atomic.Int32)
		srv := newH2Server(t, func(f *h2Conn, stream uint32) {
			switch phase.Load() {
			case cachePhaseAnswer:
				f.headers(stream, false, ":status", "200", "content-type", "application/json", "cache-control", "max-age=60",
					"etag", `"old"`, "content-length", fmt.Sprint(len(body)))
				f.frame(0x0, 0x1, stream, body)
			case cachePhaseFault:
				fault(f, stream)
			default:
				f.headers(stream, true, ":status", "304", "cache-control", "max-age=60", "etag", `"old"`)
			}
		})
		tr := transports.Default()
		pool := x509.NewCertPool()
		pool.AddCert(srv.cert)
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
		t.Cleanup(tr.CloseIdleConnections)
		endpoints, phases = append(endpoints, endpoint{name, srv.URL, tr}), append(phases, phase)
	}
	cutBody := func(f *h2Conn, stream uint32) {
		f.headers(stream, false, ":status", "200", "content-type", "application/json", "cache-control", "max-age=3600",
			"etag", `"new"`, "content-length", fmt.Sprint(len(body)))
		f.data(stream, body[:len(body)/2])
	}
	h2("h2 RST_STREAM mid-body", func(f *h2Conn, stream uint32) { cutBody(f, stream); f.rstStream(stream, 0x8) })
	h2("h2 GOAWAY mid-body", func(f *h2Conn, stream uint32) {
		cutBody(f, stream)
		f.goAway(stream, 0x2)
		time.Sleep(10 * time.Millisecond)
		f.c.Close()
	})
	h2("h2 stalled stream", cutBody)
	h2("h2 304 cut in its header block", func(f *h2Conn, stream uint32) {
		f.frame(0x1, 0, stream, []byte{0x8b}) // :status 304, indexed; no END_HEADERS
		f.rstStream(stream, 0x8)              // not a CONTINUATION: the connection breaks
	})
	h1 := func(name string, fault string) {
		phase := new(atomic.Int32)
		srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
			switch phase.Load() {
			case cachePhaseAnswer:
				fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: max-age=60\r\nETag: \"old\"\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			case cachePhaseFault:
				w.WriteString(fault)
				w.Flush()
				return false
			default:
				w.WriteString("HTTP/1.1 304 Not Modified\r\nCache-Control: max-age=60\r\nETag: \"old\"\r\n\r\n")
			}
			w.Flush()
			return true
		})
		tr := transports.Default()
		t.Cleanup(tr.CloseIdleConnections)
		endpoints, phases = append(endpoints, endpoint{name, srv.URL, tr}), append(phases, phase)
	}
	h1("h1 body cut after 4000 bytes", fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: max-age=3600\r\nETag: \"new\"\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:4000]))
	h1("h1 304 cut in its header block", "HTTP/1.1 304 Not Modified\r\nCache-Control: max-")
	for i, e := range endpoints {
		var now atomic.Int64
		now.Store(time.Now().UnixNano())
		c := fastClient(client.WithTransport(e.tr), client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
		opt := client.Option{URL: e.url + "/x", Mode: client.ModeCORS, Timeout: attemptTimeout}
		if resp, err := c.Request(context.Background(), opt); err != nil || resp.FromCache {
			t.Fatalf("%s: filling the cache: %v (FromCache %v)", e.name, err, resp.FromCache)
		}
		phases[i].Store(cachePhaseFault)
		now.Add(int64(time.Hour)) // the entry is stale: the next call asks the server
		e.tr.CloseIdleConnections()
		start := time.Now()
		resp, err := c.Request(context.Background(), opt)
		// An origin that cannot be reached (a timeout, a reset, a cut
		// connection; over HTTP/2 a stream reset, a GOAWAY, a broken
		// connection) lets the stale entry answer (README: RFC 9111
		// §4.2.4); it must be the old entry, whole. (HTTP/2's were taken
		// for other failures: the call failed.)
		m, _ := resp.Data.(map[string]any)
		if pad, _ := m["pad"].(string); err != nil || !resp.FromCache || m["v"] != "old" || len(pad) != storeFaultPad {
			t.Errorf("%s: the fault answered v %v (%d bytes of pad, FromCache %v), err %v; want the old entry, whole",
				e.name, m["v"], len(pad), resp.FromCache, err)
		}
		if took := time.Since(start); took > 3*attemptTimeout+500*time.Millisecond {
			t.Errorf("%s: took %v", e.name, took)
		}

		// The plain http.Client meets the same fault.
		hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		req, _ := http.NewRequestWithContext(ctx, "GET", e.url+"/plain", nil)
		presp, err := hc.Do(req)
		var got []byte
		if err == nil {
			got, err = io.ReadAll(presp.Body)
			presp.Body.Close()
		}
		cancel()
		if err == nil {
			t.Errorf("%s, plain http.Client: %d bytes, status %d, no error; want the fault's error", e.name, len(got), presp.StatusCode)
		}

		// The server is back, answering 304: the old entry serves it, whole.
		phases[i].Store(cachePhaseNotModified)
		e.tr.CloseIdleConnections()
		resp, err = c.Request(context.Background(), opt)
		m, _ = resp.Data.(map[string]any)
		pad, _ := m["pad"].(string)
		if err != nil || m["v"] != "old" || len(pad) != storeFaultPad || !resp.FromCache {
			t.Errorf("%s: after the fault, v %v (%d bytes of pad), FromCache %v, err %v; want the old entry, whole",
				e.name, m["v"], len(pad), resp.FromCache, err)
		}
	}
}
