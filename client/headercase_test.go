package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Header names are case-insensitive: two spellings of one name send all
// their values, always in the same order (the sorted spellings').
func TestHeaderSpellingsMerge(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[strings.Join(r.Header.Values("X-Trace"), ",")]++
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New()
	for range 50 {
		opt := client.Option{URL: srv.URL, Header: http.Header{"x-trace": {"a"}, "X-Trace": {"b"}, "X-TRACE": {"c", "d"}}}
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 || seen["c,d,b,a"] != 50 {
		t.Fatalf("X-Trace sent as %v, want c,d,b,a (X-TRACE, X-Trace, x-trace) every time", seen)
	}
}
