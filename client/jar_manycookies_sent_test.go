package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestJarManyCookiesSentIsLinear: the jar's cookies went on the request one
// http.Request.AddCookie at a time, each copying the whole Cookie header
// built so far: a server that set 2900 cookies of 300 bytes in each of
// three answers (each one net/http accepts; the jar bounds neither) made
// every later call of the client copy gigabytes to build its 2.6 MB Cookie
// header, seconds of CPU per request and per attempt. The header is now
// built once, the same bytes: a Cookie header of the caller's first, then
// each cookie as AddCookie writes it. (The default jar now keeps at most
// 180 cookies a site: a jar of the user's, net/http's own, keeps them all.)
func TestJarManyCookiesSentIsLinear(t *testing.T) {
	const n, rounds = 2900, 3
	val := strings.Repeat("v", 300)
	var round atomic.Int64
	sent := make(chan string, 1)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if k := round.Add(1); k <= rounds {
			for i := 0; i < n; i++ {
				w.Header().Add("Set-Cookie", fmt.Sprintf("c%d_%d=%s; Path=/", k, i, val))
			}
			return
		}
		sent <- strings.Join(r.Header["Cookie"], "\n")
	}))
	srv.Config.MaxHeaderBytes = 8 << 20
	srv.Start()
	defer srv.Close()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithCookieJar(jar))
	opt := client.Option{URL: "/", Credentials: client.CredentialsInclude, Timeout: time.Minute}
	for range rounds {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	opt.Header = http.Header{"Cookie": {"mine=1"}}
	// Bytes allocated, not time: a loaded CI machine took 2.5 s for the
	// linear build under -race. Building the 2.6 MB header copies a few
	// times its size (with the server's parse, about 40 MB); the
	// quadratic build copied about 11 GB.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 1000 {
		t.Errorf("a request carrying %d jar cookies allocated %d MB (quadratic)", n*rounds, mb)
	} else {
		t.Logf("%d MB allocated", mb)
	}
	got := <-sent
	var want strings.Builder
	want.WriteString("mine=1")
	for k := 1; k <= rounds; k++ {
		for i := 0; i < n; i++ {
			fmt.Fprintf(&want, "; c%d_%d=%s", k, i, val)
		}
	}
	if got != want.String() {
		t.Errorf("Cookie header of %d bytes, want %d: %.80q…", len(got), want.Len(), got)
	}
}

// A Cookie header of the caller's with two values (or two spellings, which
// merge into two values) went whole while the jar had nothing for the URL,
// but once it had a cookie only the first value went, followed by the
// jar's: the caller's other cookies were dropped without a word. All of
// them go now, in the one Cookie field, before the jar's.
func TestCallersCookieValuesAllGoWithTheJars(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "jar", Value: "j"})
		} else {
			got = r.Header.Values("Cookie")
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	defer c.CloseIdleConnections()
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	for _, h := range []http.Header{
		{"Cookie": {"a=1", "b=2"}},
		{"Cookie": {"a=1"}, "cookie": {"b=2"}},
	} {
		if _, err := c.Request(ctx, client.Option{URL: "/x", Credentials: client.CredentialsInclude, Header: h}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != "a=1; b=2; jar=j" {
			t.Errorf("%v: the server got Cookie %q, want [\"a=1; b=2; jar=j\"]", h, got)
		}
	}
}
