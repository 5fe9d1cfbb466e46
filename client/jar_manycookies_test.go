package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestJarManyCookiesOverHTTPIsLinear: an http answer's cookies are checked
// against the Secure cookies https set (a network attacker must not replace
// them), which asked the jar, listing and sorting every cookie of the host,
// twice per cookie: a server answering 1500 Set-Cookie lines (net/http
// parses up to 3000) to a jar holding as many took seconds of CPU under the
// jar's lock, every other call of the client waiting on it. Only a name
// that https set a Secure cookie under needs the jar; the others are kept
// at once. And the jar keeps no more than 180 cookies a site, as a browser:
// the first answer's first 180, which the second replaces, its other names
// not kept.
func TestJarManyCookiesOverHTTPIsLinear(t *testing.T) {
	const n = 1500
	var round atomic.Int64
	got := make(chan []string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := round.Add(1)
		if k == 3 {
			var sent []string
			for _, ck := range r.Cookies() {
				sent = append(sent, ck.Name+"="+ck.Value)
			}
			got <- sent
			return
		}
		for i := 0; i < n; i++ {
			w.Header().Add("Set-Cookie", fmt.Sprintf("c%d=v%d; Path=/", i, k))
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/", Credentials: client.CredentialsInclude, Timeout: time.Minute}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("an answer of %d cookies to a jar of %d took %v (quadratic)", n, n, d)
	}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	sent := <-got
	const kept = 180
	names := map[string]bool{}
	for _, s := range sent {
		name, v, _ := strings.Cut(s, "=")
		names[name] = v == "v2"
	}
	for i := 0; i < kept; i++ {
		if !names[fmt.Sprintf("c%d", i)] {
			t.Fatalf("c%d not sent with the second answer's value (sent %d cookies)", i, len(sent))
		}
	}
	if len(sent) != kept {
		t.Errorf("the jar sent %d cookies, want the %d a site keeps", len(sent), kept)
	}
}
