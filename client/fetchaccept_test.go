package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestAcceptIsFetchsDefaultWhenTheCallerGivesNone holds the README's Header
// row: a call without an Accept of its own sends Accept: */*, as fetch (and
// a <script> load, JSONP's) sends it, where it used to send none (net/http
// adds none), so a server that negotiates the type answered Taro's request
// and taroreq's differently. An Accept of the caller's, in any spelling,
// goes alone.
func TestAcceptIsFetchsDefaultWhenTheCallerGivesNone(t *testing.T) {
	var mu sync.Mutex
	var got [][]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Values("Accept"))
		mu.Unlock()
		if cb := r.URL.Query().Get("callback"); cb != "" {
			io.WriteString(w, cb+`(1)`)
			return
		}
		io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
		want string
	}{
		{"GET", client.Option{URL: "/x"}, "*/*"},
		{"POST with a body", client.Option{URL: "/x", Method: "POST", Data: map[string]int{"a": 1}}, "*/*"},
		{"HEAD", client.Option{URL: "/x", Method: "HEAD"}, "*/*"},
		{"JSONP", client.Option{URL: "/x", JSONP: true}, "*/*"},
		{"no-store cache mode", client.Option{URL: "/x", Cache: client.CacheNoStore}, "*/*"},
		{"the caller's", client.Option{URL: "/x", Header: http.Header{"Accept": {"application/json"}}}, "application/json"},
		{"the caller's, lower case", client.Option{URL: "/x", Header: http.Header{"accept": {"text/html"}}}, "text/html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			if resp, err := c.Request(context.Background(), tc.opt); err != nil {
				t.Fatalf("Request: %v (%s)", err, resp.ErrMsg)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(got) != 1 || strings.Join(got[0], "|") != tc.want {
				t.Fatalf("Accept lines %q, want one request with %q", got, tc.want)
			}
		})
	}
}

// The default Accept is every such call's: an answer whose Vary names
// Accept is still written to the store and answers the next call without
// an Accept of its own, as before the client sent one; a call with another
// Accept is not answered by it.
func TestDefaultAcceptDoesNotKeepVaryAcceptAnswersOutOfTheStore(t *testing.T) {
	var mu sync.Mutex
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
		w.Header().Set("Vary", "Accept")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"1"}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/conf", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	for i := range 2 {
		resp, err := c.Request(context.Background(), opt)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if i == 1 && !resp.FromStore {
			t.Fatal("the second call went to the network: the answer varying by Accept was not stored")
		}
	}
	other := opt
	other.Header = http.Header{"Accept": {"text/html"}}
	resp, err := c.Request(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	if resp.FromStore {
		t.Error("a call with Accept: text/html was answered from the */* call's entry")
	}
	mu.Lock()
	defer mu.Unlock()
	if hits != 2 {
		t.Errorf("the server was asked %d times, want 2 (the first call, the text/html one)", hits)
	}
}
