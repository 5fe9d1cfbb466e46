package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// fetch parses a Location with the URL parser, which removes every ASCII
// tab (a header value may hold one: net/http's reader refuses the other
// controls), as the client already reads an Option URL (README, URL). http.Client's url.Parse refused the Location: the redirect
// failed, with no response.
func TestRedirectLocationWithATabIsParsedAsFetch(t *testing.T) {
	for _, tc := range []struct{ loc, want string }{
		{"/t\tab?q=1", "/tab?q=1"},
		{"/tab\t/x", "/tab/x"},
	} {
		var got string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/go" {
				w.Header()["Location"] = []string{tc.loc}
				w.WriteHeader(http.StatusFound)
				return
			}
			got = r.URL.RequestURI()
			w.Write([]byte(`{"ok":1}`))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: "/go", RetryTimes: client.NoRetry})
		cancel()
		srv.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("Location %q: err %v, status %d; want it followed to %s", tc.loc, err, resp.StatusCode, tc.want)
			continue
		}
		if got != tc.want || resp.URL != srv.URL+tc.want {
			t.Errorf("Location %q: the hop asked for %q (answered URL %q), want %q", tc.loc, got, resp.URL, tc.want)
		}
	}
}
