package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestLocationWithSchemeAloneIsOfTheAnsweringOrigin: a Location of the
// answering URL's scheme without "//" after it (http:/p, http:p) is, as
// fetch's URL parser reads it against that URL, a path on its origin
// (http:/p) or under its path (http:p); http.Client's url.Parse found no
// host in it and the redirect failed ('no host').
func TestLocationWithSchemeAloneIsOfTheAnsweringOrigin(t *testing.T) {
	var loc string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/dir/start" {
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Write([]byte(r.URL.Path + " " + r.Header.Get("Authorization")))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct{ loc, want string }{
		{"http:/p1", "/p1 Bearer tok"},
		{"HTTP:/p2/x", "/p2/x Bearer tok"},
		{"http:p3", "/dir/p3 Bearer tok"},
		{"http:\\p4", "/p4 Bearer tok"},
	} {
		loc = tc.loc
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: "/dir/start", DataType: "text", RetryTimes: client.NoRetry,
			Header: http.Header{"Authorization": {"Bearer tok"}}})
		cancel()
		if err != nil {
			t.Errorf("Location %q: %v", tc.loc, err)
			continue
		}
		if got := string(resp.Raw); got != tc.want {
			t.Errorf("Location %q: got %q, want %q", tc.loc, got, tc.want)
		}
	}
}
