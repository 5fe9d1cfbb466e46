package client_test

import (
	"context"
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
