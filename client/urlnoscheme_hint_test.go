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

// A host:port without its scheme, the usual slip of a first call, fails
// with ErrInvalidURL before any I/O, and the error says what is missing:
// url.Parse's own text ("first path segment in URL cannot contain colon")
// does not.
func TestURLWithoutSchemeSaysItNeedsOne(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ base, url string }{
		{base: "127.0.0.1:8080", url: "/users"},
		{base: "localhost:8080", url: "/users"},
		{base: "api.example.com", url: "/users"},
		{url: "127.0.0.1:8080/users"},
		{url: "localhost:8080/users"},
		{base: "http://127.0.0.1:1", url: "127.0.0.1:8080/users"},
	} {
		var opts []client.ClientOption
		if tc.base != "" {
			opts = append(opts, client.WithBaseURL(tc.base))
		}
		resp, err := client.New(opts...).Request(ctx, client.Option{URL: tc.url})
		if !errors.Is(err, client.ErrInvalidURL) || resp.Attempts != 0 {
			t.Fatalf("base %q url %q: err %v, %d attempts; want ErrInvalidURL before any I/O", tc.base, tc.url, err, resp.Attempts)
		}
		if !strings.Contains(err.Error(), "http://") {
			t.Errorf("base %q url %q: %q does not say that a scheme is missing", tc.base, tc.url, err)
		}
	}
	// A URL that has its scheme gets no such hint, nor does a redirect's
	// Location, which the caller did not write.
	_, err := client.New().Request(ctx, client.Option{URL: "ftp://files.example/x"})
	if err == nil || strings.Contains(err.Error(), "starts with") {
		t.Errorf("ftp URL: %v", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "mailto:someone@example.com")
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	_, err = client.New().Request(ctx, client.Option{URL: srv.URL})
	if !errors.Is(err, client.ErrInvalidURL) || strings.Contains(err.Error(), "starts with") {
		t.Errorf("redirect to mailto: %v; want ErrInvalidURL without the hint", err)
	}
}
