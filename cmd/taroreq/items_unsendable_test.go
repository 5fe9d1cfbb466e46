package main

import (
	"strings"
	"testing"
)

// A header item the client would not send (Host, Content-Length,
// Transfer-Encoding: the transport's; Referer: never sent) is a usage
// error, not an item dropped in silence: Host:vhost.example against an IP
// went to the server's default virtual host.
func TestHeaderItemsTheClientWouldNotSendAreAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, it := range []string{"Host:vhost.example", "host:vhost.example", "Content-Length:99",
		"Transfer-Encoding:chunked", "Referer:https://r.example/", "Host;"} {
		r := cli(t, srv.URL+"/x", it)
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "cannot send") {
			t.Errorf("%q: stderr %q", it, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
	cli(t, srv.URL+"/x", "X-Host:a", "Origin:http://o.example").wantCode(t, exitOK)
	if h := srv.only(t).header; h.Get("X-Host") != "a" || h.Get("Origin") != "http://o.example" {
		t.Errorf("header %v", h)
	}
}
