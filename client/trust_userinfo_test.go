package client_test

import (
	"context"
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
