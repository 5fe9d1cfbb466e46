package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A redirect is followed once its headers are in: fetch (a browser, undici)
// never reads the body of a redirect it follows, so one that is cut short,
// badly chunked or stalled does not fail the request or hold it for the
// attempt's Timeout. (net/http's own Client follows a cut-short one too.)
func TestRedirectWithBrokenBodyIsFollowed(t *testing.T) {
	bodies := map[string]string{
		"cut short": "Content-Length: 100\r\n\r\nabc",
		"bad chunk": "Transfer-Encoding: chunked\r\n\r\nZZ\r\n",
		"stalled":   "Content-Length: 100\r\n\r\nabc",
	}
	for name, rest := range bodies {
		for _, chunked := range []bool{false, true} {
			t.Run(name+map[bool]string{false: "", true: " EnableChunked"}[chunked], func(t *testing.T) {
				release := make(chan struct{})
				defer close(release)
				stall := release
				if name != "stalled" {
					stall = nil
				}
				ts := brokenRedirectServer(rest, stall)
				defer ts.Close()
				c := client.New(client.WithBaseURL(ts.URL))
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				start := time.Now()
				resp, err := c.Request(ctx, client.Option{URL: "/a", Timeout: 3 * time.Second, EnableChunked: chunked})
				if err != nil {
					t.Fatalf("the redirect was not followed: %v", err)
				}
				if chunked {
					b, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || string(b) != `{"ok":1}` {
						t.Fatalf("body %q, %v", b, err)
					}
				} else if m, _ := resp.Data.(map[string]any); m["ok"] != 1.0 {
					t.Fatalf("data %v", resp.Data)
				}
				if resp.StatusCode != 200 {
					t.Errorf("status %d", resp.StatusCode)
				}
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("took %v: the redirect's body was waited for", d)
				}
			})
		}
	}
}

// A redirect whose body the client dropped is still a whole response: the
// HTTP cache keeps what it got, and a plain http.Client over the client's
// Transport that takes the redirect itself (ErrUseLastResponse) reads a
// body as long as the header says.
func TestDroppedRedirectBodyIsCoherentInTheCache(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/b" {
			io.WriteString(w, `{"ok":1}`)
			return
		}
		w.Header().Set("Location", "/b")
		w.Header().Set("Cache-Control", "max-age=60")
		w.WriteHeader(http.StatusMovedPermanently)
		io.WriteString(w, "moved to /b")
	}))
	defer ts.Close()
	c := client.New(client.WithBaseURL(ts.URL), client.WithHTTPCache())
	if _, err := c.Request(context.Background(), client.Option{URL: "/a"}); err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := hc.Get(ts.URL + "/a")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the redirect: %v", err)
	}
	if resp.StatusCode != http.StatusMovedPermanently {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if cl := resp.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(b)) {
		t.Errorf("Content-Length %s, body %q", cl, b)
	}
	if resp.ContentLength >= 0 && resp.ContentLength != int64(len(b)) {
		t.Errorf("ContentLength %d, body %q", resp.ContentLength, b)
	}
}

// A redirect whose body the client drops unread is not judged by that
// body: a 302 that is cut short or badly chunked is followed, and it must
// not count against its origin's circuit either, or a request that
// succeeds every time (the 302's hop, then the target's 200) opens the
// circuit after ten, half its attempts "failed", and the eleventh is
// refused with breaker.ErrOpen.
func TestRedirectWithBrokenBodyDoesNotOpenTheCircuit(t *testing.T) {
	for name, rest := range map[string]string{
		"cut short": "Content-Length: 100\r\n\r\nabc",
		"bad chunk": "Transfer-Encoding: chunked\r\n\r\nZZ\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			ts := brokenRedirectServer(rest, nil)
			defer ts.Close()
			c := client.New(client.WithBaseURL(ts.URL))
			for i := range 30 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				resp, err := c.Request(ctx, client.Option{URL: "/a"})
				cancel()
				if err != nil {
					t.Fatalf("request %d: %v", i+1, err)
				}
				if m, _ := resp.Data.(map[string]any); m["ok"] != 1.0 {
					t.Fatalf("request %d: data %v", i+1, resp.Data)
				}
			}
		})
	}
}

// brokenRedirectServer answers /b with JSON and anything else with a 302 to
// /b whose header ends with rest (its broken body); with stall, the
// connection then stays open until stall is closed (at most 10 s).
func brokenRedirectServer(rest string, stall <-chan struct{}) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/b" {
			io.WriteString(w, `{"ok":1}`)
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 302 Found\r\nLocation: /b\r\n" + rest)
		buf.Flush()
		if stall != nil {
			select {
			case <-stall:
			case <-time.After(10 * time.Second):
			}
		}
	}))
}
