package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestSchemeWithoutTwoSlashesIsReadAsFetchReadsIt: fetch's URL parser takes
// any run of '/' and '\' after http: or https: for the "//" before a host
// (http:\\h/x, http:///h/x), and under a base URL of the same scheme (Taro's
// page) reads one slash or none as a reference to the base (http:/x is
// /x of the base's origin); url.Parse found no host in any of these and the
// call failed with ErrInvalidURL before any request.
func TestSchemeWithoutTwoSlashesIsReadAsFetchReadsIt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct {
		base, url, want string // want: Host and path sent
	}{
		{"http://api.test/v1/", `http:\\api.test/x`, "api.test /x"},
		{"http://api.test/v1/", "http:///api.test/x", "api.test /x"},
		{"http://api.test/v1/", "http:/x", "api.test /x"},
		{"http://api.test/v1/", "http:x", "api.test /v1/x"},
		{"http://api.test/v1/", "HTTP:/x", "api.test /x"},
		// What follows "http:" is a path under the base, whatever it
		// holds: another scheme's URL or a userinfo's '@' names no host.
		{"http://api.test/v1/", "http:https://evil.test/x", "api.test /v1/https://evil.test/x"},
		{"http://api.test/v1/", "http:u:p@evil.test/x", "api.test /v1/u:p@evil.test/x"},
		{"http://api.test/v1/", "http:../x", "api.test /x"},
		{"https://api.test", "http:/other.test/x", "other.test /x"},
		{"", "http:/other.test/x", "other.test /x"},
		{"http://api.test", "http://api.test/x", "api.test /x"},
	} {
		rec := &pathRecorder{}
		c := client.New(client.WithTransport(rec))
		if tc.base != "" {
			c = client.New(client.WithBaseURL(tc.base), client.WithTransport(rec))
		}
		resp, err := c.Request(ctx, client.Option{URL: tc.url, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if err != nil || resp.StatusCode != http.StatusOK || rec.got != tc.want {
			t.Errorf("%q under %q: err %v, status %d, sent %q, want %q", tc.url, tc.base, err, resp.StatusCode, rec.got, tc.want)
		}
	}
	_, err := client.New().Request(ctx, client.Option{URL: "http:", RetryTimes: client.NoRetry})
	if !errors.Is(err, client.ErrInvalidURL) {
		t.Errorf("http: alone: err %v, want ErrInvalidURL", err)
	}
	// Refused, the URL is named as written, its userinfo-like part
	// withheld, not as rewritten ("./u:secret@h/%zz").
	c := client.New(client.WithBaseURL("http://api.test/v1/"), client.WithTransport(&pathRecorder{}))
	_, err = c.Request(ctx, client.Option{URL: "http:u:secret@h/%zz", RetryTimes: client.NoRetry})
	if !errors.Is(err, client.ErrInvalidURL) || strings.Contains(err.Error(), "secret") {
		t.Errorf("http:u:secret@h/%%zz: err %v, want ErrInvalidURL without the secret", err)
	}
}

// pathRecorder answers 200 and keeps the Host and the path it was sent.
type pathRecorder struct{ got string }

func (p *pathRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	p.got = host + " " + req.URL.EscapedPath()
	return (&hostRecorder{}).RoundTrip(req)
}
