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

// A URL that does not parse because its password holds a raw '/', '?' or
// '#' (base64 secrets do) leaves no piece of the password in the error or
// ErrMsg, as the primary URL or as a backup.
func TestUnparsableUserinfoNeverInErrors(t *testing.T) {
	for _, u := range []string{
		"https://svc:Zm9v/YmFyQk@api.test/v1",
		"https://svc:Zm9vYmFy?QK@api.test/v1",
		"https://svc:Zm9vYmFy#QK@api.test/v1",
		"https://svc:Zm9vYmFy@api.test:bad/v1",
	} {
		for _, opt := range []client.Option{{URL: u}, {URL: "https://ok.test/", Backup: []string{u}}} {
			res, err := client.New().Request(context.Background(), opt)
			if err == nil {
				t.Fatalf("%q: no error", u)
			}
			for what, text := range map[string]string{"error": err.Error(), "ErrMsg": res.ErrMsg} {
				if strings.Contains(text, "Zm9v") || strings.Contains(text, "svc") {
					t.Errorf("%q, %s: %s", u, what, text)
				}
			}
		}
	}
}

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
