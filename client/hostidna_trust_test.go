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

// originRecorder answers every request and keeps, for each, the host it
// was sent to and the credentials it carried. /down answers 503, /moved a
// 307 to location, /login sets a cookie; others 200.
type originRecorder struct {
	location string
	mu       sync.Mutex
	got      []sentTo
}

type sentTo struct{ host, path, auth, cookie string }

func (o *originRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	o.mu.Lock()
	o.got = append(o.got, sentTo{host, req.URL.Path, req.Header.Get("Authorization"), req.Header.Get("Cookie")})
	o.mu.Unlock()
	code, hdr, body := http.StatusOK, http.Header{}, "{}"
	switch req.URL.Path {
	case "/me":
		hdr.Set("Content-Type", "application/json")
		body = `{"version":"v1"}`
	case "/down":
		code = http.StatusServiceUnavailable
	case "/moved":
		code = http.StatusTemporaryRedirect
		hdr.Set("Location", o.location)
	case "/login":
		hdr.Set("Set-Cookie", "sid=S-SECRET; Path=/")
	}
	return &http.Response{StatusCode: code, Status: http.StatusText(code), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: hdr, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

func (o *originRecorder) sent() []sentTo {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]sentTo(nil), o.got...)
}

// TestSpellingsOfOneHostAreOneOrigin: every check reads the host as fetch
// maps it, so EXAMPLE。com, ｅｘａｍｐｌｅ.com and ex%61mple.com are the
// origin http://example.com (same-origin mode lets them go, a backup or
// redirect there keeps the call's Authorization, the jar's cookie goes,
// the store answers one spelling with what another stored),
// and exаmple.com, with a Cyrillic а, is another origin, xn--exmple-4nf.com
// (refused under same-origin, its backup and redirect stripped of the
// Authorization, no cookie of example.com). Before, a non-ASCII spelling
// was another origin than its ASCII one, and an escaped one an error.
func TestSpellingsOfOneHostAreOneOrigin(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	same := []string{"http://EXAMPLE。com/x", "http://ｅｘａｍｐｌｅ.com/x", "http://ex%61mple.com/x", "//ex%61mple.com/x"}
	const lookAlike = "http://exаmple.com/x"
	auth := http.Header{"Authorization": {"Bearer T-SECRET"}}

	rec := &originRecorder{}
	c := client.New(client.WithBaseURL("http://example.com"), client.WithTransport(rec))
	for _, u := range same {
		if !c.SameOrigin(u) {
			t.Errorf("SameOrigin(%s) = false, want true", u)
		}
		_, err := c.Request(ctx, client.Option{URL: u, Header: auth, RetryTimes: client.NoRetry})
		if got := rec.sent(); err != nil || got[len(got)-1] != (sentTo{"example.com", "/x", "Bearer T-SECRET", ""}) {
			t.Errorf("%s under same-origin: err %v, sent %+v, want to example.com with the Authorization", u, err, got)
		}
	}
	if c.SameOrigin(lookAlike) {
		t.Errorf("SameOrigin(%s) = true, want false", lookAlike)
	}
	n := len(rec.sent())
	if _, err := c.Request(ctx, client.Option{URL: lookAlike, Header: auth, RetryTimes: client.NoRetry}); err == nil || len(rec.sent()) != n {
		t.Errorf("%s under same-origin: err %v, sent %+v, want refused before any request", lookAlike, err, rec.sent()[n:])
	}

	// Backups: the call's Authorization goes to one of its origin only.
	for _, tc := range []struct {
		backup, host, auth string
	}{
		{"http://ex%61mple.com/b", "example.com", "Bearer T-SECRET"},
		{"http://EXAMPLE。com/b", "example.com", "Bearer T-SECRET"},
		{lookAlike, "xn--exmple-4nf.com", ""},
	} {
		rec := &originRecorder{}
		c := client.New(client.WithBaseURL("http://example.com"), client.WithTransport(rec))
		_, err := c.Request(ctx, client.Option{URL: "/down", Header: auth, RetryTimes: client.NoRetry, Mode: client.ModeCORS, Backup: []string{tc.backup}})
		got := rec.sent()
		if err != nil || len(got) != 2 || got[1].host != tc.host || got[1].auth != tc.auth {
			t.Errorf("backup %s: err %v, sent %+v, want to %s with Authorization %q", tc.backup, err, got, tc.host, tc.auth)
		}
	}

	// Redirects likewise.
	for _, tc := range []struct {
		location, host, auth string
	}{
		{"http://ex%61mple.com/y", "example.com", "Bearer T-SECRET"},
		{"http://ｅｘａｍｐｌｅ.com/y", "example.com", "Bearer T-SECRET"},
		{"http://exаmple.com/y", "xn--exmple-4nf.com", ""},
	} {
		rec := &originRecorder{location: tc.location}
		c := client.New(client.WithBaseURL("http://example.com"), client.WithTransport(rec))
		_, err := c.Request(ctx, client.Option{URL: "/moved", Header: auth, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		got := rec.sent()
		if err != nil || len(got) != 2 || got[1].host != tc.host || got[1].auth != tc.auth {
			t.Errorf("Location %s: err %v, sent %+v, want to %s with Authorization %q", tc.location, err, got, tc.host, tc.auth)
		}
	}

	// The jar: a cookie example.com set goes to its other spellings only.
	rec = &originRecorder{}
	c = client.New(client.WithBaseURL("http://example.com"), client.WithTransport(rec))
	opt := client.Option{RetryTimes: client.NoRetry, Mode: client.ModeCORS, Credentials: client.CredentialsInclude}
	opt.URL = "/login"
	if _, err := c.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ url, cookie string }{
		{"http://ｅｘａｍｐｌｅ.com/x", "sid=S-SECRET"},
		{"http://ex%61mple.com/x", "sid=S-SECRET"},
		{lookAlike, ""},
	} {
		opt.URL = tc.url
		_, err := c.Request(ctx, opt)
		if got := rec.sent(); err != nil || got[len(got)-1].cookie != tc.cookie {
			t.Errorf("jar, %s: err %v, sent %+v, want Cookie %q", tc.url, err, got[len(got)-1], tc.cookie)
		}
	}

	// The store: one key for every spelling of the host.
	rec = &originRecorder{}
	c = client.New(client.WithBaseURL("http://example.com"), client.WithTransport(rec))
	sopt := client.Option{RetryTimes: client.NoRetry, Mode: client.ModeCORS, UseStore: true, StoreCheckKey: "version", StoreSign: "v1"}
	for _, tc := range []struct {
		url       string
		fromStore bool
	}{
		{"http://EXAMPLE。com/me", false},
		{"http://ex%61mple.com/me", true},
		{"http://ｅｘａｍｐｌｅ.com/me", true},
		{"http://exаmple.com/me", false},
	} {
		sopt.URL = tc.url
		n := len(rec.sent())
		resp, err := c.Request(ctx, sopt)
		if err != nil || resp.FromStore != tc.fromStore || (len(rec.sent()) == n) != tc.fromStore {
			t.Errorf("store, %s: err %v, from the store %v, requests %+v, want from the store %v", tc.url, err, resp.FromStore, rec.sent()[n:], tc.fromStore)
		}
	}
}
