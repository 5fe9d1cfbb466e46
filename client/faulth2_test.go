package client_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/transports"
)

// h2Server speaks HTTP/2 over TLS frame by frame (a few frame types, by
// hand: golang.org/x/net/http2 is not a dependency), so that a test can
// answer with GOAWAY or RST_STREAM where it likes. answer runs once a
// request stream has ended, with that stream's id; bodies keeps what each
// stream carried.
type h2Server struct {
	URL    string
	cert   *x509.Certificate
	mu     sync.Mutex
	bodies [][]byte
}

type h2Conn struct {
	c  net.Conn
	mu sync.Mutex
}

func (f *h2Conn) frame(typ, flags byte, stream uint32, p []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := make([]byte, 9, 9+len(p))
	b[0], b[1], b[2], b[3], b[4] = byte(len(p)>>16), byte(len(p)>>8), byte(len(p)), typ, flags
	binary.BigEndian.PutUint32(b[5:], stream)
	f.c.Write(append(b, p...))
}

// headers sends a HEADERS frame of literal fields (no indexing, no
// Huffman; names and values under 127 bytes).
func (f *h2Conn) headers(stream uint32, end bool, kv ...string) {
	var p []byte
	for i := 0; i+1 < len(kv); i += 2 {
		p = append(append(append(append(p, 0, byte(len(kv[i]))), kv[i]...), byte(len(kv[i+1]))), kv[i+1]...)
	}
	flags := byte(0x4) // END_HEADERS
	if end {
		flags |= 0x1
	}
	f.frame(0x1, flags, stream, p)
}

func (f *h2Conn) data(stream uint32, p []byte) { f.frame(0x0, 0, stream, p) }

func (f *h2Conn) goAway(last, code uint32) {
	f.frame(0x7, 0, 0, binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, last), code))
}

func (f *h2Conn) rstStream(stream, code uint32) {
	f.frame(0x3, 0, stream, binary.BigEndian.AppendUint32(nil, code))
}

func newH2Server(t *testing.T, answer func(f *h2Conn, stream uint32)) *h2Server {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil) // for its certificate
	ts.EnableHTTP2 = true
	ts.StartTLS()
	cfg := ts.TLS.Clone()
	cfg.NextProtos = []string{"h2"}
	s := &h2Server{cert: ts.Certificate()}
	ts.Close()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.URL = "https://" + ln.Addr().String()
	layertest.ServeConns(t, ln, func(c net.Conn) { s.serve(c, answer) })
	return s
}

func (s *h2Server) serve(c net.Conn, answer func(*h2Conn, uint32)) {
	if _, err := io.ReadFull(c, make([]byte, len("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))); err != nil {
		return
	}
	f := &h2Conn{c: c}
	f.frame(0x4, 0, 0, nil) // SETTINGS
	bodies := map[uint32]*bytes.Buffer{}
	for {
		hdr := make([]byte, 9)
		if _, err := io.ReadFull(c, hdr); err != nil {
			return
		}
		p := make([]byte, int(hdr[0])<<16|int(hdr[1])<<8|int(hdr[2]))
		if _, err := io.ReadFull(c, p); err != nil {
			return
		}
		typ, flags, stream := hdr[3], hdr[4], binary.BigEndian.Uint32(hdr[5:])&0x7fffffff
		switch typ {
		case 0x4: // SETTINGS
			if flags&0x1 == 0 {
				f.frame(0x4, 0x1, 0, nil)
			}
			continue
		case 0x1: // HEADERS
			bodies[stream] = new(bytes.Buffer)
		case 0x0: // DATA
			d := p
			if flags&0x8 != 0 && len(d) > 0 { // PADDED
				d = d[1 : len(d)-int(d[0])]
			}
			bodies[stream].Write(d)
			if len(p) > 0 {
				f.frame(0x8, 0, 0, binary.BigEndian.AppendUint32(nil, uint32(len(p))))
				f.frame(0x8, 0, stream, binary.BigEndian.AppendUint32(nil, uint32(len(p))))
			}
		default:
			continue
		}
		if flags&0x1 != 0 { // END_STREAM: the request is whole
			s.mu.Lock()
			s.bodies = append(s.bodies, bodies[stream].Bytes())
			s.mu.Unlock()
			answer(f, stream)
		}
	}
}

func (s *h2Server) Bodies() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.bodies...)
}

func (s *h2Server) client() *client.Client { return fastClient(client.WithTransport(s.transport())) }

// transport is transports.Default trusting the server's certificate.
func (s *h2Server) transport() *http.Transport {
	tr := transports.Default()
	pool := x509.NewCertPool()
	pool.AddCert(s.cert)
	tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	return tr
}

// HTTP/2 answers that end in GOAWAY or RST_STREAM after the server
// processed the stream: a GET is retried, a POST is not sent again, and
// every attempt carried the whole body.
func TestHTTP2GoAwayAndResetStream(t *testing.T) {
	const internalError, cancel = 0x2, 0x8
	faults := map[string]func(f *h2Conn, stream uint32){
		"GOAWAY naming the stream, then close": func(f *h2Conn, stream uint32) {
			f.goAway(stream, 0)
			time.Sleep(10 * time.Millisecond)
			f.c.Close()
		},
		"GOAWAY mid-body": func(f *h2Conn, stream uint32) {
			f.headers(stream, false, ":status", "200", "content-type", "application/json", "content-length", "20")
			f.data(stream, []byte(`{"a":`))
			f.goAway(stream, internalError)
			time.Sleep(10 * time.Millisecond)
			f.c.Close()
		},
		"RST_STREAM before the headers": func(f *h2Conn, stream uint32) { f.rstStream(stream, internalError) },
		"RST_STREAM mid-body": func(f *h2Conn, stream uint32) {
			f.headers(stream, false, ":status", "200", "content-type", "application/json")
			f.data(stream, []byte(`{"a":`))
			f.rstStream(stream, cancel)
		},
	}
	payload := bytes.Repeat([]byte("h2"), 20000) // past the initial flow-control window
	for name, fault := range faults {
		for _, method := range []string{"GET", "POST"} {
			srv := newH2Server(t, fault)
			opt := client.Option{URL: srv.URL + "/x", Method: method, Timeout: time.Second}
			want := 3
			if method == "POST" {
				opt.Data, want = payload, 1
			}
			resp, err := srv.client().Request(context.Background(), opt)
			if err == nil || resp.Attempts != want || errors.Is(err, retry.ErrExhausted) != (want > 1) {
				t.Errorf("%s, %s: %d attempts, err %v; want %d and an error", name, method, resp.Attempts, err, want)
			}
			bodies := srv.Bodies()
			if len(bodies) != want {
				t.Errorf("%s, %s: the server got %d streams, want %d", name, method, len(bodies), want)
			}
			for _, b := range bodies {
				if method == "POST" && !bytes.Equal(b, payload) {
					t.Errorf("%s, %s: a stream carried %d bytes, want %d", name, method, len(b), len(payload))
				}
			}
		}
	}
}
