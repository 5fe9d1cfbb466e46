package client_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// hdrLog records the requests a server got.
type hdrLog struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (l *hdrLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = append(l.reqs, r.Clone(context.Background()))
}

func (l *hdrLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = nil
}

func (l *hdrLog) all() []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*http.Request(nil), l.reqs...)
}

// dualHost serves https://api.example.com (port 443) and http://api.example.com
// (port 80) from two loopback servers, through a transport that dials them.
type dualHost struct {
	tls, plain *httptest.Server
	tlsLog     hdrLog
	plainLog   hdrLog
	tr         *http.Transport
}

func newDualHost(t *testing.T, tlsH func(w http.ResponseWriter, r *http.Request)) *dualHost {
	d := &dualHost{}
	d.tls = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.tlsLog.add(r)
		tlsH(w, r)
	}))
	t.Cleanup(d.tls.Close)
	d.plain = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.plainLog.add(r)
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(d.plain.Close)
	tr := d.tls.Client().Transport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.TLSClientConfig.ServerName = "api.example.com"
	var dialer net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		switch addr {
		case "api.example.com:443":
			return dialer.DialContext(ctx, network, d.tls.Listener.Addr().String())
		case "api.example.com:80":
			return dialer.DialContext(ctx, network, d.plain.Listener.Addr().String())
		}
		return nil, &net.AddrError{Err: "unexpected dial", Addr: addr}
	}
	t.Cleanup(tr.CloseIdleConnections)
	d.tr = tr
	return d
}

// addSecrets is a layer that puts a caller's credentials on every request.
func addSecrets(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.Header.Set("X-Layer-Token", "layer-secret")
		q := r.URL.Query()
		q.Set("access_token", "qsecret")
		r.URL.RawQuery = q.Encode()
		return next.RoundTrip(r)
	})
}

// An https origin redirecting to http on the same host (port-less: 443 to
// 80) is another origin: no credential header, no secret query a layer
// added, and no Secure jar cookie goes over plain http.
func TestTrustHTTPSToHTTPDowngradeCarriesNoSecret(t *testing.T) {
	for _, layer := range []string{"outer", "inner"} {
		t.Run(layer, func(t *testing.T) {
			d := newDualHost(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/login":
					http.SetCookie(w, &http.Cookie{Name: "sid", Value: "secure-session", Secure: true, Path: "/"})
					w.Write([]byte(`{}`))
				default:
					http.Redirect(w, r, "http://api.example.com/landing", http.StatusFound)
				}
			})
			opts := []client.ClientOption{client.WithBaseURL("https://api.example.com"), client.WithTransport(d.tr)}
			if layer == "outer" {
				opts = append(opts, client.WithOuterLayers(addSecrets))
			} else {
				opts = append(opts, client.WithInnerLayers(addSecrets))
			}
			c := client.New(opts...)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
				t.Fatal(err)
			}
			h := http.Header{
				"Authorization": {"Bearer alice"},
				"Cookie":        {"manual=alice-cookie"},
				"X-Api-Key":     {"key-alice"},
			}
			resp, err := c.Request(ctx, client.Option{URL: "/go", Header: h, Mode: client.ModeCORS, Credentials: client.CredentialsInclude})
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("resp %+v err %v", resp, err)
			}
			tl := d.tlsLog.all()
			if got := tl[len(tl)-1]; got.Header.Get("Authorization") == "" || !strings.Contains(got.Header.Get("Cookie"), "secure-session") {
				t.Errorf("the https origin itself lost its credentials: %v", got.Header)
			}
			pl := d.plainLog.all()
			if len(pl) != 1 {
				t.Fatalf("plain http saw %d requests", len(pl))
			}
			got := pl[0]
			for _, n := range []string{"Authorization", "Cookie", "X-Api-Key", "X-Layer-Token"} {
				if v := got.Header.Get(n); v != "" {
					t.Errorf("%s went over plain http: %q", n, v)
				}
			}
			if strings.Contains(got.URL.RawQuery, "qsecret") {
				t.Errorf("layer's query secret went over plain http: %s", got.URL.RawQuery)
			}
		})
	}
}

// A backup http://api.example.com of a primary https://api.example.com is
// another origin: it gets none of the primary's credentials.
func TestTrustHTTPBackupOfHTTPSPrimaryGetsNoCredentials(t *testing.T) {
	d := newDualHost(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	c := client.New(client.WithBaseURL("https://api.example.com"), client.WithTransport(d.tr), client.WithBackup(), client.WithInnerLayers(addSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h := http.Header{"Authorization": {"Bearer alice"}, "X-Api-Key": {"key-alice"}, "Cookie": {"a=b"}}
	resp, err := c.Request(ctx, client.Option{URL: "/x?api_key=callerkey&q=1", Header: h, Mode: client.ModeCORS,
		Backup: []string{"http://api.example.com/x"}, RetryTimes: -1})
	pl := d.plainLog.all()
	if len(pl) != 1 {
		t.Fatalf("plain backup saw %d requests (resp %+v err %v)", len(pl), resp, err)
	}
	got := pl[0]
	for _, n := range []string{"Authorization", "Cookie", "X-Api-Key", "X-Layer-Token"} {
		if v := got.Header.Get(n); v != "" {
			t.Errorf("%s went to the http backup: %q", n, v)
		}
	}
	if strings.Contains(got.URL.RawQuery, "secret") || strings.Contains(got.URL.RawQuery, "callerkey") {
		t.Errorf("query secret went to the http backup: %s", got.URL.RawQuery)
	}
}
