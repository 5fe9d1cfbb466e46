package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A URL with a port but no host name (http://:80/x) is no URL a browser
// takes (WHATWG: empty host), but url.Parse gives it a Host ":80" and
// net/http dials ":80": the local machine, an origin nobody named. As the
// call's URL, a backup or a redirect's Location, it is ErrInvalidURL
// before any dial, as http:///x is.
func TestURLWithAPortButNoHostIsRefused(t *testing.T) {
	var loc string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redir":
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
		case "/down":
			w.WriteHeader(503)
		default:
			w.Write([]byte(`{}`))
		}
	}))
	defer srv.Close()
	var dials dialLog
	tr := dials.transportTo(t, srv)
	c := client.New(client.WithTransport(tr), client.WithBaseURL("http://api.test"))
	for _, bad := range []string{"http://:80/x", "http://:8080/x", "https://:443/", "http://user:pw@:80/x"} {
		loc = bad
		for kind, opt := range map[string]client.Option{
			"url":    {URL: bad},
			"backup": {URL: "/down", Backup: []string{bad}},
			"redir":  {URL: "/redir"},
		} {
			dials.take()
			opt.Mode, opt.RetryTimes, opt.Timeout = client.ModeCORS, client.NoRetry, time.Second
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			resp, err := c.Request(ctx, opt)
			cancel()
			if !errors.Is(err, client.ErrInvalidURL) {
				t.Errorf("%s %q: status %d err %v, want ErrInvalidURL", kind, bad, resp.StatusCode, err)
			}
			for _, a := range dials.take() {
				if a != "api.test:80" {
					t.Errorf("%s %q: dialed %q", kind, bad, a)
				}
			}
		}
	}
}

// Through Transport in a plain http.Client (its own CheckRedirect, or none:
// net/http's, which follows any Location) the client's layers refuse such a
// URL too, as its own calls do: a redirect to http://:PORT/ is not dialed on
// the local machine.
func TestTransportRefusesAURLWithAPortButNoHost(t *testing.T) {
	var loc string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redir" {
			http.Redirect(w, r, loc, http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var dials dialLog
	tr := dials.transportTo(t, srv)
	c := client.New(client.WithTransport(tr))
	plain := &http.Client{Transport: c.Transport(), Timeout: 5 * time.Second}
	for _, bad := range []string{"http://:80/x", "http://:8080/x", "http://user:pw@:80/x"} {
		loc = bad
		dials.take()
		for kind, target := range map[string]string{"redir": "http://api.test/redir", "direct": bad} {
			resp, err := plain.Get(target)
			if err == nil {
				resp.Body.Close()
			}
			if !errors.Is(err, client.ErrInvalidURL) {
				t.Errorf("%s %q: err %v, want ErrInvalidURL", kind, bad, err)
			}
		}
		for _, a := range dials.take() {
			if a != "api.test:80" {
				t.Errorf("%q: dialed %q", bad, a)
			}
		}
	}
}

// dialLog records the addresses a transport dials; it is safe for
// concurrent use.
type dialLog struct {
	mu    sync.Mutex
	addrs []string
}

// transportTo is a transport that records each address it dials and
// connects to srv whatever the address; its idle connections are closed at
// the test's end.
func (d *dialLog) transportTo(t *testing.T, srv *httptest.Server) *http.Transport {
	tr := &http.Transport{DialContext: func(ctx context.Context, n, addr string) (net.Conn, error) {
		d.mu.Lock()
		d.addrs = append(d.addrs, addr)
		d.mu.Unlock()
		return (&net.Dialer{}).DialContext(ctx, n, srv.Listener.Addr().String())
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// take returns the addresses dialed since the last take.
func (d *dialLog) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	a := d.addrs
	d.addrs = nil
	return a
}
