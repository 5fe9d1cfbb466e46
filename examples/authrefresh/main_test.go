package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "401: refreshing the token\n200 map[user:ann] (request:ok)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The example says its interceptor gives the API's token "to no other
// origin's". A network-path reference ("//other/x") or a
// scheme with a tab in its "://" (removed by the client, as fetch does)
// is another origin's URL too, as the client resolves it.
func TestAuthInterceptorKeepsTheTokenToTheAPIsOrigin(t *testing.T) {
	var mu sync.Mutex
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("Authorization"))
		mu.Unlock()
		io.WriteString(w, `{}`)
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{}`) }))
	defer api.Close()
	tk := &tokens{current: "API-TOKEN"}
	c := client.New(client.WithBaseURL(api.URL))
	c.AddInterceptor(authInterceptor(c, tk, io.Discard))
	hostport := strings.TrimPrefix(other.URL, "http://")
	for _, u := range []string{"//" + hostport + "/x", "http:/\t/" + hostport + "/x", other.URL + "/x"} {
		resp, err := c.Request(context.Background(), client.Option{URL: u, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
		if err != nil {
			t.Fatalf("%q: %v", u, err)
		}
		mu.Lock()
		last := got[len(got)-1]
		mu.Unlock()
		t.Logf("%q: status %d, other origin got Authorization %q", u, resp.StatusCode, last)
		if last != "" {
			t.Errorf("%q (Mode cors, another origin): the API's token went there: Authorization %q", u, last)
		}
	}
}
