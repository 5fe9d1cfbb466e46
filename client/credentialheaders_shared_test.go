package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestCredentialHeadersIsTheCallersCopy: what an interceptor does with the
// names client.CredentialHeaders returns stays its own. Editing them in place
// (to normalise them, to drop one it wants to log) changed the client's own
// credential set, so that a later request's X-Workspace followed a redirect to
// another origin; and appending to them wrote into the client's array, which
// concurrent requests shared.
func TestCredentialHeadersIsTheCallersCopy(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v := r.Header.Get("X-Workspace"); v != "" {
			leaked = append(leaked, v)
		}
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/landing", http.StatusFound)
	}))
	defer home.Close()

	edit := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		names := client.CredentialHeaders(ctx)
		for i := range names {
			names[i] = "X-Not-A-Secret"
		}
		return proceed(ctx, opt)
	}
	// Three options: the names' array has room past its length.
	c := client.New(client.WithBaseURL(home.URL), client.WithCredentialHeaders("X-Workspace"),
		client.WithCredentialHeaders("X-Region"), client.WithCredentialHeaders("X-Team"),
		client.WithInterceptors(edit))
	for i := range 2 {
		if _, err := c.Request(context.Background(), client.Option{URL: "/x", Mode: client.ModeCORS,
			Header: http.Header{"X-Workspace": {"tenant-s3cret"}}}); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if len(leaked) > 0 {
		t.Errorf("X-Workspace reached another origin through a redirect: %q", leaked)
	}

	var seen []string
	look := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		seen = client.CredentialHeaders(ctx)
		return proceed(ctx, opt)
	}
	grow := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		_ = append(client.CredentialHeaders(ctx), "X-Appended")
		return proceed(ctx, opt)
	}
	c = client.New(client.WithBaseURL(other.URL), client.WithCredentialHeaders("X-Workspace"),
		client.WithCredentialHeaders("X-Region"), client.WithCredentialHeaders("X-Team"),
		client.WithInterceptors(look, grow))
	if _, err := c.Request(context.Background(), client.Option{URL: "/x"}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 {
		t.Fatalf("CredentialHeaders = %q, want the three names", seen)
	}
	if full := seen[:cap(seen)]; len(full) > 3 && full[3] == "X-Appended" {
		t.Errorf("appending to CredentialHeaders wrote into the array the client's requests share: %q", full)
	}
}
