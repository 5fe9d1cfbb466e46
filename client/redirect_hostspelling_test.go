package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestRedirectToOneOriginSpelledOtherwiseKeepsCredentials: a Location on
// the first request's origin, its host spelled as fetch reads it to that
// origin (an IPv4 address in another form, a trailing dot, a port with
// leading zeros), is a same-origin redirect: the call's Authorization and
// Cookie go on the hop, as fetch sends them (http.Client, which compares
// hosts as written, dropped them). A Location of another origin spelled
// the same ways (another port) still gets none.
func TestRedirectToOneOriginSpelledOtherwiseKeepsCredentials(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{} // the hop's path: the credentials it came with
	record := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.URL.Path] = r.Header.Get("Authorization") + "|" + r.Header.Get("Cookie")
		mu.Unlock()
	}
	other := httptest.NewServer(http.HandlerFunc(record))
	defer other.Close()
	var loc string
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			mu.Lock()
			w.Header().Set("Location", loc)
			mu.Unlock()
			w.WriteHeader(http.StatusFound)
			return
		}
		record(w, r)
	}))
	defer first.Close()
	port := func(s *httptest.Server) string { return s.URL[strings.LastIndexByte(s.URL, ':')+1:] }
	const sent = "Bearer tok|sid=s1"
	c := client.New(client.WithBaseURL(first.URL))
	for i, spell := range []string{"0x7f.1", "2130706433", "127.1", "127.0.0.1.", "0177.0.0.1", "HTTP://127.0.0.1.:0"} {
		for _, srv := range []*httptest.Server{first, other} {
			path := "/hop" + string(rune('a'+i))
			l := "http://" + spell + ":" + port(srv) + path
			if strings.HasPrefix(spell, "HTTP://") {
				l = spell + port(srv) + path
			}
			mu.Lock()
			loc = l
			delete(got, path)
			mu.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err := c.Request(ctx, client.Option{URL: "/start", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
				Header: http.Header{"Authorization": {"Bearer tok"}, "Cookie": {"sid=s1"}}})
			cancel()
			if err != nil {
				t.Fatalf("Location %q: %v", l, err)
			}
			mu.Lock()
			hop, ok := got[path]
			mu.Unlock()
			switch {
			case !ok:
				t.Errorf("Location %q: the hop did not arrive", l)
			case srv == first && hop != sent:
				t.Errorf("Location %q, the first origin spelled otherwise: the hop came with %q, want %q", l, hop, sent)
			case srv == other && hop != "|":
				t.Errorf("Location %q, another origin: the hop came with %q, want no credential", l, hop)
			}
		}
	}
}
