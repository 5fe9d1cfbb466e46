package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A status net/http has no text for (Cloudflare's 522, nginx's 499) is
// written as its number alone in every error that names it: Do's
// StatusError, Response.OK, and the retry and backup errors of a call
// that ended on it, with no stray space where the reason phrase would go.
func TestUnnamedStatusHasNoStraySpaceInErrors(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(522)
	})
	ctx := context.Background()
	c := client.New(client.WithRetry())
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", what)
		}
		text := err.Error()
		if !strings.Contains(text, "status 522") || strings.HasSuffix(text, " ") ||
			strings.Contains(text, "  ") || strings.Contains(text, " :") {
			t.Errorf("%s: %q", what, text)
		}
	}
	_, err := client.Do[map[string]any](ctx, c, client.Option{URL: srv.URL + "/a", RetryTimes: client.NoRetry})
	check("Do", err)
	resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/b", RetryTimes: client.NoRetry})
	if err != nil {
		t.Fatal(err)
	}
	check("OK", resp.OK())
	// 522 is a 5xx: retried until the budget is spent, then failed over.
	_, err = c.Request(ctx, client.Option{URL: srv.URL + "/c", Timeout: time.Second, RetryTimes: 1,
		Backup: []string{srv.URL + "/d"}, JSONP: true})
	check("JSONP, retry and backup", err)
	// A 522 without JSONP: the backup layer's own status error.
	_, err = c.Request(ctx, client.Option{URL: srv.URL + "/e", Timeout: time.Second, RetryTimes: 1,
		Backup: []string{srv.URL + "/f"}})
	check("retry and backup", err)
}
