package client_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/transports"
)

// selfSigned makes a certificate for hosts (names or IPs) valid from
// notBefore to notAfter, signing itself.
func selfSigned(t *testing.T, hosts []string, notBefore, notAfter time.Time) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: hosts[0]},
		NotBefore: notBefore, NotAfter: notAfter, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

// A server whose certificate fails to verify (untrusted, expired, of
// another host) is asked once, over HTTP/1 and HTTP/2: the error says why
// and errors.As finds the x509 error; the backup answers; a POST goes to
// the backup too (nothing was sent: the handshake failed first), whole;
// through c.Transport() in a plain http.Client, one handshake too.
func TestFaultCertificatesThatFailToVerify(t *testing.T) {
	now := time.Now()
	good := selfSigned(t, []string{"127.0.0.1"}, now.Add(-time.Hour), now.Add(time.Hour))
	cases := []struct {
		name    string
		cert    tls.Certificate
		trusted bool
		says    string
		as      func(error) bool
	}{
		{"untrusted", good, false, "certificate signed by unknown authority", func(err error) bool {
			var e x509.UnknownAuthorityError
			return errors.As(err, &e)
		}},
		{"expired", selfSigned(t, []string{"127.0.0.1"}, now.Add(-48*time.Hour), now.Add(-24*time.Hour)), true, "expired", func(err error) bool {
			var e x509.CertificateInvalidError
			return errors.As(err, &e) && e.Reason == x509.Expired
		}},
		{"another host's", selfSigned(t, []string{"127.0.0.2"}, now.Add(-time.Hour), now.Add(time.Hour)), true, "valid for 127.0.0.2, not 127.0.0.1", func(err error) bool {
			var e x509.HostnameError
			return errors.As(err, &e)
		}},
	}
	second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"from":"backup"}`)
	})
	payload := bytes.Repeat([]byte("c"), 30000)
	for _, tc := range cases {
		for _, h2 := range []bool{false, true} {
			var handshakes atomic.Int64
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("%s: a request reached the server", tc.name)
			}))
			srv.EnableHTTP2 = h2
			srv.TLS = &tls.Config{Certificates: []tls.Certificate{tc.cert}, GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
				handshakes.Add(1)
				return nil, nil
			}}
			srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake errors are expected
			srv.StartTLS()
			tr := transports.Default()
			if tc.trusted {
				pool := x509.NewCertPool()
				pool.AddCert(tc.cert.Leaf)
				tr.TLSClientConfig = &tls.Config{RootCAs: pool}
			}
			c := fastClient(client.WithTransport(tr))
			what := tc.name
			if h2 {
				what += ", HTTP/2"
			}

			// Attempts may take 10 s: a handshake under -race on a loaded
			// machine took over 1 s, and a retry followed its timeout. A
			// retry is what the counts below look for.
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/x", Timeout: 10 * time.Second})
			if err == nil || !tc.as(err) || !strings.Contains(err.Error(), tc.says) || resp.Attempts != 1 || handshakes.Load() != 1 ||
				resp.ErrMsg != "request:fail "+err.(*client.Error).Err.Error() || errors.Is(err, retry.ErrExhausted) {
				t.Errorf("%s: err %v (ErrMsg %q), %d attempts, %d handshakes; want one, saying %q", what, err, resp.ErrMsg, resp.Attempts, handshakes.Load(), tc.says)
			}

			for _, method := range []string{"GET", "POST"} {
				handshakes.Store(0)
				before := len(second.sent())
				var succeeded, completed atomic.Int64
				opt := client.Option{URL: srv.URL + "/x", Method: method, Timeout: 10 * time.Second,
					Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS,
					Success: func(*client.Response) { succeeded.Add(1) }, Complete: func(*client.Response, error) { completed.Add(1) }}
				if method == "POST" {
					opt.Data = payload
				}
				resp, err := c.Request(context.Background(), opt)
				m, _ := resp.Data.(map[string]any)
				got := second.sent()[before:]
				if err != nil || m["from"] != "backup" || resp.Attempts != 2 || handshakes.Load() != 1 || len(got) != 1 ||
					succeeded.Load() != 1 || completed.Load() != 1 {
					t.Errorf("%s, %s with a backup: data %v, err %v, %d attempts, %d handshakes, backup got %d; want the backup's answer after one handshake",
						what, method, resp.Data, err, resp.Attempts, handshakes.Load(), len(got))
				} else if method == "POST" && !bytes.Equal(got[0].Body, payload) {
					t.Errorf("%s, POST: the backup got %d bytes, want %d", what, len(got[0].Body), len(payload))
				}
			}

			handshakes.Store(0)
			hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
			hresp, err := hc.Get(srv.URL + "/x")
			if err == nil {
				hresp.Body.Close()
			}
			if err == nil || !tc.as(err) || handshakes.Load() != 1 {
				t.Errorf("%s, plain http.Client: err %v, %d handshakes; want the x509 error after one", what, err, handshakes.Load())
			}
			tr.CloseIdleConnections()
			srv.Close()
		}
	}
}

// A server that accepts the connection and never finishes the TLS
// handshake (silent after the ClientHello), or breaks it part-way (it
// closes or resets after reading the ClientHello): each attempt ends by
// its Timeout or at the break, nothing was sent, so a POST is retried too
// and then fails over, its whole body at the backup.
func TestFaultHandshakesThatNeverFinish(t *testing.T) {
	const attemptTimeout = 150 * time.Millisecond
	faults := map[string]func(c net.Conn){
		"silent":         func(c net.Conn) { io.Copy(io.Discard, c) },
		"closed midway":  func(c net.Conn) { c.Read(make([]byte, 1024)); c.Close() },
		"reset midway":   func(c net.Conn) { c.Read(make([]byte, 1024)); resetConn(c) },
		"garbage record": func(c net.Conn) { c.Read(make([]byte, 1024)); c.Write([]byte("\x16\x03\x03\x00\x05hello")) },
	}
	second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"from":"backup"}`)
	})
	payload := bytes.Repeat([]byte("h"), 30000)
	for name, fault := range faults {
		var conns atomic.Int64
		url := "https" + strings.TrimPrefix(serveConns(t, func(c net.Conn) { conns.Add(1); fault(c) }), "http")
		for _, method := range []string{"GET", "POST"} {
			conns.Store(0)
			what := name + ", " + method
			opt := client.Option{URL: url + "/x", Method: method, Timeout: attemptTimeout}
			if method == "POST" {
				opt.Data = payload
			}
			start := time.Now()
			resp, err := fastClient().Request(context.Background(), opt)
			took := time.Since(start)
			var nf *backup.NotFailedOverError
			if err == nil || resp.Attempts != 3 || !errors.Is(err, retry.ErrExhausted) || errors.As(err, &nf) ||
				name == "silent" && (!errors.Is(err, timeout.ErrExceeded) || resp.ErrMsg != "request:fail timeout") {
				t.Errorf("%s: err %v (ErrMsg %q), %d attempts; want three failed attempts", what, err, resp.ErrMsg, resp.Attempts)
			}
			if limit := 3*attemptTimeout + 300*time.Millisecond; took > limit {
				t.Errorf("%s: took %v, more than %v", what, took, limit)
			}
			if n := conns.Load(); n != 3 {
				t.Errorf("%s: %d connections, want 3", what, n)
			}

			before := len(second.sent())
			opt.Backup, opt.Mode = []string{second.URL + "/b"}, client.ModeCORS
			resp, err = fastClient().Request(context.Background(), opt)
			m, _ := resp.Data.(map[string]any)
			got := second.sent()[before:]
			if err != nil || m["from"] != "backup" || resp.Attempts != 4 || len(got) != 1 || method == "POST" && !bytes.Equal(got[0].Body, payload) {
				t.Errorf("%s with a backup: data %v, err %v, %d attempts, backup got %d; want its whole answer after 3 attempts", what, resp.Data, err, resp.Attempts, len(got))
			}
		}
	}
}
