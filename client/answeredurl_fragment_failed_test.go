package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A failed call's Response keeps the last answer it got (a 200 DataCheck
// refused, a backup's): its URL is that answer's, without
// the Option's fragment, as a successful call's is (fetch's Response.url
// excludes it).
func TestFailedCallAnsweredURLHasNoFragment(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
		want string
	}{
		{"DataCheck refused", client.Option{URL: "/ok#frag", DataCheck: func(*client.Response) bool { return false }}, srv.URL + "/ok"},
		{"DataCheck refused a backup too", client.Option{URL: "/ok#frag", Backup: []string{"/other#b"},
			DataCheck: func(*client.Response) bool { return false }}, srv.URL + "/other"},
	} {
		r, err := c.Request(ctx, tc.opt)
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		if r.StatusCode == 0 {
			t.Fatalf("%s: no last answer kept: %+v", tc.name, r)
		}
		if r.URL != tc.want || strings.Contains(r.URL, "#") {
			t.Errorf("%s: Response.URL %q, want %q", tc.name, r.URL, tc.want)
		}
	}
}
