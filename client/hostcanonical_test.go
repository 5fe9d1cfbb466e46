package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// hostRecorder answers every request 200 and keeps the Host each was sent
// with and the URL's host, as the transport would dial and name it.
type hostRecorder struct {
	mu  sync.Mutex
	got []string
}

func (h *hostRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	h.mu.Lock()
	h.got = append(h.got, host+" "+req.URL.Host)
	h.mu.Unlock()
	if req.Body != nil {
		req.Body.Close()
	}
	code, hdr := http.StatusOK, http.Header{}
	switch req.URL.Path {
	case "/down":
		code = http.StatusServiceUnavailable
	case "/moved":
		code = http.StatusFound
		hdr.Set("Location", "http://API.test:0080/x")
	}
	return &http.Response{StatusCode: code, Status: http.StatusText(code), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: hdr, Body: io.NopCloser(strings.NewReader("")), Request: req}, nil
}

func (h *hostRecorder) last() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.got) == 0 {
		return ""
	}
	return h.got[len(h.got)-1]
}

// TestHostIsWrittenAsFetchWritesIt: fetch's URL parser writes a URL's host
// in lower case, its port without leading zeros, and no port at all when it
// is the scheme's default (an empty one too), so Taro's request to
// http://API.test:080/x is one to api.test:80, of the origin http://api.test,
// sent with Host: api.test. taroreq sent the host as written (Host:
// API.test:080), and its same-origin mode refused http://api.test:080/x
// under the base http://api.test:80 as another origin. A backup is read so
// too, and a redirect's Location.
func TestHostIsWrittenAsFetchWritesIt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct {
		name, base, url, want string
	}{
		{"upper case", "", "http://API.Test/x", "api.test api.test"},
		{"upper case base", "http://API.test", "/x", "api.test api.test"},
		{"default port", "http://api.test", "http://api.test:80/x", "api.test api.test"},
		{"default https port", "https://api.test", "https://api.test:443/x", "api.test api.test"},
		{"leading zeros", "http://api.test:8080", "http://api.test:08080/x", "api.test:8080 api.test:8080"},
		{"zeros of the default port", "http://api.test", "http://api.test:0080/x", "api.test api.test"},
		{"empty port", "http://api.test", "http://api.test:/x", "api.test api.test"},
		{"other scheme's port kept", "", "http://api.test:443/x", "api.test:443 api.test:443"},
		{"IPv6", "", "http://[::1]:080/x", "[::1] [::1]"},
		{"IPv6 zone keeps its case", "", "http://[FE80::1%25EN0]:8080/x", "[fe80::1%EN0]:8080 [fe80::1%EN0]:8080"},
	} {
		rec := &hostRecorder{}
		c := client.New(client.WithBaseURL(tc.base), client.WithTransport(rec))
		if tc.base == "" {
			c = client.New(client.WithTransport(rec))
		}
		opt := client.Option{URL: tc.url, RetryTimes: client.NoRetry}
		if tc.base == "" {
			opt.Mode = client.ModeCORS
		}
		resp, err := c.Request(ctx, opt)
		if err != nil || resp.StatusCode != http.StatusOK || rec.last() != tc.want {
			t.Errorf("%s: err %v, status %d, sent %q, want %q", tc.name, err, resp.StatusCode, rec.last(), tc.want)
		}
	}
	rec := &hostRecorder{}
	c := client.New(client.WithBaseURL("http://api.test"), client.WithTransport(rec))
	resp, err := c.Request(ctx, client.Option{URL: "/down", RetryTimes: client.NoRetry, Backup: []string{"HTTP://Api.Test:0080/b"}})
	if err != nil || resp.StatusCode != http.StatusOK || rec.last() != "api.test api.test" {
		t.Errorf("backup: err %v, status %d, sent %q, want %q", err, resp.StatusCode, rec.last(), "api.test api.test")
	}
	resp, err = c.Request(ctx, client.Option{URL: "/moved", RetryTimes: client.NoRetry})
	if err != nil || resp.StatusCode != http.StatusOK || rec.last() != "api.test api.test" {
		t.Errorf("redirect: err %v, status %d, sent %q, want %q", err, resp.StatusCode, rec.last(), "api.test api.test")
	}
}

// TestNumericHostsAreReadAsFetchReadsThem: fetch's URL parser reads a host
// that ends in a number as an IPv4 address in any of its forms (127.1,
// 0x7f.0.0.1, 0177.0.0.01, 2130706433, 127.0.0.1.: all 127.0.0.1) and
// refuses one that is no address (256.0.0.1, 1.2.3.4.5, example.123), and
// writes an IPv6 literal in its shortest form; taroreq handed the text to
// the resolver (lookup 127.1: no such host, retried as a connection error)
// and sent an IPv6 literal as written.
func TestNumericHostsAreReadAsFetchReadsThem(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct{ url, want string }{
		{"http://127.1:8080/x", "127.0.0.1:8080 127.0.0.1:8080"},
		{"http://0x7F.0.0.1/x", "127.0.0.1 127.0.0.1"},
		{"http://0177.0.0.01/x", "127.0.0.1 127.0.0.1"},
		{"http://2130706433/x", "127.0.0.1 127.0.0.1"},
		{"http://127.0.0.1./x", "127.0.0.1 127.0.0.1"},
		{"http://10.0x10000/x", "10.1.0.0 10.1.0.0"},
		{"http://api.test./x", "api.test. api.test."},
		{"http://[0:0:0:0:0:0:0:1]/x", "[::1] [::1]"},
		{"http://[::FFFF:127.0.0.1]/x", "[::ffff:7f00:1] [::ffff:7f00:1]"},
	} {
		rec := &hostRecorder{}
		resp, err := client.New(client.WithTransport(rec)).Request(ctx, client.Option{URL: tc.url, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if err != nil || resp.StatusCode != http.StatusOK || rec.last() != tc.want {
			t.Errorf("%s: err %v, status %d, sent %q, want %q", tc.url, err, resp.StatusCode, rec.last(), tc.want)
		}
	}
	for _, raw := range []string{"http://256.0.0.1/x", "http://1.2.3.4.5/x", "http://example.123/x", "http://127.0.0.0x100/x", "http://4294967296/x",
		// Digits alone are a number to fetch, even one no base reads
		// (09) or past 64 bits: refused, not handed to a resolver.
		"http://1.2.3.09/x", "http://09/x", "http://99999999999999999999999/x", "http://0xffffffffffffffffffff/x", "http://1.0x1ffffffffffffffff.0/x"} {
		rec := &hostRecorder{}
		_, err := client.New(client.WithTransport(rec)).Request(ctx, client.Option{URL: raw, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if !errors.Is(err, client.ErrInvalidURL) || rec.last() != "" {
			t.Errorf("%s: err %v, sent %q, want ErrInvalidURL before any request", raw, err, rec.last())
		}
	}
}
