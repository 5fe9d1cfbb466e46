package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestHostsAreMappedAsFetchMapsThem: fetch's URL parser percent-decodes a
// host and maps it by UTS #46 (WHATWG "domain to ASCII": nontransitional,
// no hyphen or STD3 rules, bidi and joiner checks), so Taro's request to
// http://EXAMPLE。com/, http://ｅｘａｍｐｌｅ.com/ or http://ex%61mple.com/ is
// one to example.com, and http://bücher.example/ one to
// xn--bcher-kva.example. taroreq refused a host with an escape below 0x80
// (url.Parse: invalid URL escape) and sent a non-ASCII one unmapped, of an
// origin of its own. The wanted hosts are node's (new URL(u).host). A
// base URL, a backup and a redirect's Location are read so too.
func TestHostsAreMappedAsFetchMapsThem(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct{ url, want string }{
		{"http://EXAMPLE。com/x", "example.com"},
		{"http://ｅｘａｍｐｌｅ.com/x", "example.com"},
		{"http://ＡＢＣ.com/x", "abc.com"},
		{"http://ex%61mple.com/x", "example.com"},
		{"http://ex%C2%ADample/x", "example"}, // a soft hyphen is ignored
		{"http://a%2Eb/x", "a.b"},
		{"http://%41.com:080/x", "a.com"},
		{"http://bücher.example/x", "xn--bcher-kva.example"},
		{"http://XN--BCHER-KVA.example/x", "xn--bcher-kva.example"},
		{"http://%c3%bc.com/x", "xn--tda.com"},
		{"http://ÉXAMPLE.com/x", "xn--xample-9ua.com"},
		{"http://ß.de/x", "xn--zca.de"}, // nontransitional: not ss.de
		{"http://faß.de/x", "xn--fa-hia.de"},
		{"http://💩.la/x", "xn--ls8h.la"},
		{"http://exаmple.com/x", "xn--exmple-4nf.com"}, // Cyrillic а: another host
		{"http://127。0。0。1:8080/x", "127.0.0.1:8080"},
		{"http://１２７.０.０.１/x", "127.0.0.1"},
		{"http://%31%32%37.1/x", "127.0.0.1"},
		{"http://x_y.com/x", "x_y.com"}, // no STD3 rules, no hyphen checks
		{"http://-x-.com/x", "-x-.com"},
		{"http://u:p%41@ex%61mple.com/x", "example.com"}, // the userinfo's escapes are its own
		{"http:\\\\ex%61mple.com/x", "example.com"},
	} {
		rec := &hostRecorder{}
		c := client.New(client.WithTransport(rec))
		resp, err := c.Request(ctx, client.Option{URL: tc.url, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if want := tc.want + " " + tc.want; err != nil || resp.StatusCode != http.StatusOK || rec.last() != want {
			t.Errorf("%s: err %v, status %d, sent %q, want %q", tc.url, err, resp.StatusCode, rec.last(), want)
		}
	}

	rec := &hostRecorder{}
	c := client.New(client.WithBaseURL("http://ex%61mple.com"), client.WithTransport(rec))
	if _, err := c.Request(ctx, client.Option{URL: "/x", RetryTimes: client.NoRetry}); err != nil || rec.last() != "example.com example.com" {
		t.Errorf("base URL: err %v, sent %q, want example.com", err, rec.last())
	}
	if _, err := c.Request(ctx, client.Option{URL: "//EXAMPLE。com/x", RetryTimes: client.NoRetry}); err != nil || rec.last() != "example.com example.com" {
		t.Errorf("scheme-relative: err %v, sent %q, want example.com", err, rec.last())
	}
	if _, err := c.Request(ctx, client.Option{URL: "/down", RetryTimes: client.NoRetry, Backup: []string{"http://ｅｘ%61mple.com/b"}}); err != nil || rec.last() != "example.com example.com" {
		t.Errorf("backup: err %v, sent %q, want example.com", err, rec.last())
	}
	for _, tc := range []struct{ location, want string }{
		{"http://ex%61mple.com/y", "example.com"},
		{"http://bücher.example/y", "xn--bcher-kva.example"},
		{"//ＥＸＡＭＰＬＥ.com/y", "example.com"},
	} {
		rr := &originRecorder{location: tc.location}
		c := client.New(client.WithTransport(rr))
		_, err := c.Request(ctx, client.Option{URL: "http://example.com/moved", RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if got := rr.sent(); err != nil || len(got) != 2 || got[1].host != tc.want {
			t.Errorf("Location %s: err %v, sent %+v, want the second to %s", tc.location, err, got, tc.want)
		}
	}
}

// TestHostsFetchRefusesAreInvalid: a host that fetch's URL parser refuses
// (a forbidden code point once decoded and mapped, a code point UTS #46
// disallows, bytes that are not UTF-8, a zero width joiner out of place, an
// xn-- label that is no Punycode) is ErrInvalidURL before any request,
// never a panic, as an Option URL, a base URL and a backup.
func TestHostsFetchRefusesAreInvalid(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, host := range []string{
		"ex%00ample", "a%20b", "a%3Cb", "a%2Fb", "a%40b", "a%3Fb", "a%23b", "a%5Cb", "a%7Cb", "a%5Bb",
		"%zz", "a%", "a%2", "a%25b", "%2541.com", "%ff.com", "%c3%28.com",
		"a<b", "a^b", "a|b", "ａ＜ｂ", "\u2488.com", "%E2%92%88.com", "\u2100.com", "x\ufffdy",
		"a\u200db", "%e2%80%8d", "xn--a", "xn--", "xn--.com", "ｘｎ－－.com", "x\u00adn--.com", "xn--ß-.com", "xn--ab",
		"%C2%AD", "\u0080x",
	} {
		raw := "http://" + host + "/x"
		rec := &hostRecorder{}
		_, err := client.New(client.WithTransport(rec)).Request(ctx, client.Option{URL: raw, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if !errors.Is(err, client.ErrInvalidURL) || rec.last() != "" {
			t.Errorf("%q: err %v, sent %q, want ErrInvalidURL before any request", raw, err, rec.last())
		}
		c := client.New(client.WithBaseURL(raw), client.WithTransport(rec))
		if _, err := c.Request(ctx, client.Option{URL: "/x", RetryTimes: client.NoRetry}); !errors.Is(err, client.ErrInvalidURL) || rec.last() != "" {
			t.Errorf("base %q: err %v, sent %q, want ErrInvalidURL before any request", raw, err, rec.last())
		}
		c = client.New(client.WithBaseURL("http://example.com"), client.WithTransport(rec))
		if _, err := c.Request(ctx, client.Option{URL: "/x", RetryTimes: client.NoRetry, Mode: client.ModeCORS, Backup: []string{raw}}); !errors.Is(err, client.ErrInvalidURL) || rec.last() != "" {
			t.Errorf("backup %q: err %v, sent %q, want ErrInvalidURL before any request", raw, err, rec.last())
		}
	}
}
