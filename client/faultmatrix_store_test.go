package client_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// storeFaultPad is the size of the pad in every answer of the store fault
// matrix: a body cut anywhere is not JSON, and a whole one says so.
const storeFaultPad = 8 << 10

func storeFaultBody(v string) []byte {
	b, _ := json.Marshal(map[string]any{"v": v, "pad": strings.Repeat("p", storeFaultPad)})
	return b
}

// gated applies x to the connections opened while on holds, and forwards
// the others as they are, so that a test can fill the store through the
// same proxy, then break it.
func gated(on *atomic.Bool, x toxic) toxic {
	return func(dst, src net.Conn, end func()) {
		if x != nil && on.Load() {
			x(dst, src, end)
			return
		}
		io.Copy(dst, src)
	}
}

// storeFaultEndpoint is a server behind a fault that breaks is set: url
// answers storeFaultBody("old") before, ok says whether it still answers
// (with "new") after, and tr is the transport that reaches it.
type storeFaultEndpoint struct {
	name string
	url  string
	ok   bool
	tr   *http.Transport
}

func storeFaultH2(t *testing.T, name string, broken *atomic.Bool, fault func(f *h2Conn, stream uint32, body []byte)) storeFaultEndpoint {
	srv := newH2Server(t, func(f *h2Conn, stream uint32) {
		if !broken.Load() {
			body := storeFaultBody("old")
			f.headers(stream, false, ":status", "200", "content-type", "application/json", "content-length", fmt.Sprint(len(body)))
			f.frame(0x0, 0x1, stream, body)
			return
		}
		fault(f, stream, storeFaultBody("new"))
	})
	tr := transports.Default()
	pool := x509.NewCertPool()
	pool.AddCert(srv.cert)
	tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	t.Cleanup(tr.CloseIdleConnections)
	return storeFaultEndpoint{name: name, url: srv.URL, tr: tr}
}

func storeFaultToxic(t *testing.T, name string, broken *atomic.Bool, up, down toxic, ok bool) storeFaultEndpoint {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if broken.Load() {
			time.Sleep(150 * time.Millisecond) // for reset_peer to meet the answer
			w.Write(storeFaultBody("new"))
			return
		}
		w.Write(storeFaultBody("old"))
	})
	tr := transports.Default()
	t.Cleanup(tr.CloseIdleConnections)
	proxy := toxicProxy(t, strings.TrimPrefix(srv.URL, "http://"), gated(broken, up), gated(broken, down))
	return storeFaultEndpoint{name: name, url: "http://" + proxy, ok: ok, tr: tr}
}

// UseStore, DataCheck and Backup together under each HTTP/2 fault and each
// toxic: the stored answer of the URL (filled before the fault) answers
// only when every URL failed; a backup that answers wins over it; DataCheck
// sees whole bodies only; Success or Fail, and Complete, run once each;
// and what the store holds afterwards is a whole answer, never one cut.
func TestFaultStoreDataCheckBackup(t *testing.T) {
	const attemptTimeout = 400 * time.Millisecond
	half := func(body []byte) []byte { return body[:len(body)/2] }
	var endpoints []storeFaultEndpoint
	var brokens []*atomic.Bool
	add := func(e storeFaultEndpoint, b *atomic.Bool) {
		endpoints, brokens = append(endpoints, e), append(brokens, b)
	}
	for _, h := range []struct {
		name  string
		fault func(f *h2Conn, stream uint32, body []byte)
	}{
		{"h2 RST_STREAM mid-body", func(f *h2Conn, stream uint32, body []byte) {
			f.headers(stream, false, ":status", "200", "content-type", "application/json")
			f.data(stream, half(body))
			f.rstStream(stream, 0x8)
		}},
		{"h2 GOAWAY mid-body", func(f *h2Conn, stream uint32, body []byte) {
			f.headers(stream, false, ":status", "200", "content-type", "application/json")
			f.data(stream, half(body))
			f.goAway(stream, 0x2)
			time.Sleep(10 * time.Millisecond)
			f.c.Close()
		}},
		{"h2 REFUSED_STREAM", func(f *h2Conn, stream uint32, _ []byte) { f.rstStream(stream, 0x7) }},
		{"h2 stalled stream", func(f *h2Conn, stream uint32, body []byte) {
			f.headers(stream, false, ":status", "200", "content-type", "application/json")
			f.data(stream, half(body))
		}},
		{"h2 silent connection", func(*h2Conn, uint32, []byte) {}},
	} {
		b := new(atomic.Bool)
		add(storeFaultH2(t, h.name, b, h.fault), b)
	}
	for _, x := range []struct {
		name     string
		up, down toxic
		ok       bool
	}{
		{"latency 50ms", nil, latency(50 * time.Millisecond), true},
		{"slicer 100 B / 1ms", nil, slicer(100, time.Millisecond), true},
		{"limit_data 4000 downstream", nil, limitData(4000), false},
		{"reset_peer 50ms", nil, resetPeer(50 * time.Millisecond), false},
		{"stall downstream", nil, stall, false},
	} {
		b := new(atomic.Bool)
		add(storeFaultToxic(t, x.name, b, x.up, x.down, x.ok), b)
	}
	goodBackup := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(storeFaultBody("backup"))
	})
	for i, e := range endpoints {
		c := fastClient(client.WithTransport(e.tr))
		var mu sync.Mutex
		var seen []string
		check := func(r *client.Response) bool {
			m, _ := r.Data.(map[string]any)
			pad, _ := m["pad"].(string)
			mu.Lock()
			if len(pad) != storeFaultPad {
				seen = append(seen, fmt.Sprintf("%.40v", r.Data))
			}
			mu.Unlock()
			return true
		}
		primary := e.url + "/x"
		prime, err := c.Request(context.Background(), client.Option{URL: primary, Mode: client.ModeCORS, UseStore: true, DataCheck: check, Timeout: attemptTimeout})
		if m, _ := prime.Data.(map[string]any); err != nil || m["v"] != "old" {
			t.Fatalf("%s: filling the store: %v, %v", e.name, prime.Data, err)
		}
		brokens[i].Store(true)
		storedV := "old"
		e.tr.CloseIdleConnections()
		for _, variant := range []struct {
			name       string
			backup     string
			storeCheck bool
		}{
			{"backup answers", goodBackup.URL + "/b", false},
			{"backup answers, stale sign", goodBackup.URL + "/b", true},
			{"backup fails too", e.url + "/b", false},
			{"backup fails too, stale sign", e.url + "/b", true},
		} {
			what := e.name + ", " + variant.name
			var succeeded, failed, completed atomic.Int64
			opt := client.Option{URL: primary, Backup: []string{variant.backup}, Mode: client.ModeCORS, UseStore: true,
				DataCheck: check, Timeout: attemptTimeout, RetryTimes: 1,
				Success:  func(*client.Response) { succeeded.Add(1) },
				Fail:     func(*client.Response, error) { failed.Add(1) },
				Complete: func(*client.Response, error) { completed.Add(1) }}
			if variant.storeCheck {
				opt.StoreCheckKey, opt.StoreSign = "v", "new"
			}
			start := time.Now()
			resp, err := c.Request(context.Background(), opt)
			took := time.Since(start)
			m, _ := resp.Data.(map[string]any)
			pad, _ := m["pad"].(string)
			// The store holds the last whole answer; StoreSign "new" lets
			// it answer before the network only once it holds "new".
			want, fromStore := "new", variant.storeCheck && storedV == "new"
			switch {
			case e.ok:
			case strings.HasPrefix(variant.name, "backup answers"):
				want = "backup"
			default:
				want, fromStore = storedV, true
			}
			storedV = want
			if err != nil || m["v"] != want || len(pad) != storeFaultPad || resp.FromStore != fromStore {
				t.Errorf("%s: v %v (%d bytes of pad), FromStore %v, err %v; want %q, FromStore %v",
					what, m["v"], len(pad), resp.FromStore, err, want, fromStore)
			}
			if succeeded.Load() != 1 || failed.Load() != 0 || completed.Load() != 1 {
				t.Errorf("%s: callbacks %d/%d/%d; want Success and Complete once", what, succeeded.Load(), failed.Load(), completed.Load())
			}
			if limit := 4*attemptTimeout + 500*time.Millisecond; took > limit {
				t.Errorf("%s: took %v, more than %v", what, took, limit)
			}
		}
		// What the store holds now is a whole answer.
		var stored any
		later, err := c.Request(context.Background(), client.Option{URL: primary, Mode: client.ModeCORS, UseStore: true, Timeout: attemptTimeout,
			StoreCheck: func(s *client.Response) bool { stored = s.Data; return true }})
		m, _ := later.Data.(map[string]any)
		pad, _ := m["pad"].(string)
		if err != nil || !later.FromStore || len(pad) != storeFaultPad || m["v"] != storedV {
			t.Errorf("%s: the store then answered %.60v (FromStore %v, err %v, checked %.60v); want a whole answer",
				e.name, later.Data, later.FromStore, err, stored)
		}
		mu.Lock()
		if len(seen) != 0 {
			t.Errorf("%s: DataCheck saw %d bodies not whole: %q", e.name, len(seen), seen)
		}
		mu.Unlock()
	}
}
