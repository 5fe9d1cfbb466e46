package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A URL missing its "https://" ("alice:pw@host/x", a config value typed
// without the scheme) is refused as a URL of scheme "alice"; as the call's
// URL, a backup or a redirect's Location, its error and ErrMsg quoted the
// password.
func TestSchemelessUserinfoNotInErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Location"] = []string{"alice:pw-secret@api.example.com/x"}
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, o := range []client.Option{
		{URL: "alice:pw-secret@api.example.com/x"},
		{URL: "alice:pw-secret@h:8080/x?page=2"},
		{URL: "alice:pw-secret@h/x\x7f"}, // does not parse
		{URL: "/down", Backup: []string{"alice:pw-secret@api.example.com/x"}, Mode: client.ModeCORS},
		{URL: "/r", Mode: client.ModeCORS},
	} {
		o.RetryTimes = client.NoRetry
		resp, err := c.Request(context.Background(), o)
		if err == nil {
			t.Fatalf("%s: no error", o.URL)
		}
		if o.URL != "/r" && !errors.Is(err, client.ErrInvalidURL) {
			t.Errorf("%s: %v, want ErrInvalidURL", o.URL, err)
		}
		for _, s := range []string{err.Error(), resp.ErrMsg} {
			if strings.Contains(s, "secret") {
				t.Errorf("%s: the password is in %q", o.URL, s)
			}
		}
	}
}
