package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A password holding '(' (encodeURIComponent, and so the query encoder,
// leaves ( ) raw, as browsers send them) is echoed by the server into a Location
// that does not parse (a query-keeping redirect). The error's text quotes
// that Location; the redaction of that text reads a secret's value on past
// ( ) ', so no part of it is printed.
func TestSecretWithBracketNotInErrorText(t *testing.T) {
	for _, password := range []string{"ab(SEKRET)", "ab)SEKRET"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/%zz/?"+r.URL.RawQuery)
			w.WriteHeader(http.StatusFound)
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, err := c.Request(context.Background(), client.Option{URL: "/me",
			Data: map[string]any{"password": password, "page": 1}, RetryTimes: client.NoRetry})
		srv.Close()
		if err == nil {
			t.Fatalf("%q: no error", password)
		}
		if strings.Contains(err.Error(), "SEKRET") || strings.Contains(resp.ErrMsg, "SEKRET") {
			t.Errorf("password %q: part of it in the error:\n%v\n%s", password, err, resp.ErrMsg)
		}
	}
}
