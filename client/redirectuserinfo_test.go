package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// fetch, HTTP-redirect fetch step 9: "If request's mode is "cors",
// locationURL includes credentials, and request's origin is not same origin
// with locationURL's origin, then return a network error." (and step 8: nor
// once the response tainting is cors, the chain having been to another
// origin). The hop is not sent, and the answer does not show the
// Location's user:pass as its URL.
func TestCORSRedirectToAnotherOriginWithCredentialsInTheURLFails(t *testing.T) {
	var hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if to := r.URL.Query().Get("to"); to != "" {
			w.Header().Set("Location", to)
			w.WriteHeader(http.StatusFound)
			return
		}
		hits.Add(1)
		w.Write([]byte(`{"ok":1}`))
	}))
	defer other.Close()
	withCreds := "http://u:p@" + strings.TrimPrefix(other.URL, "http://") + "/z"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			w.Header().Set("Location", withCreds)
		case "/self":
			w.Header().Set("Location", "http://u:p@"+r.Host+"/done")
		case "/back":
			// Through the other origin, then home with credentials.
			w.Header().Set("Location", other.URL+"/home?to="+"http://u:p@"+r.Host+"/done")
		case "/plain":
			w.Header().Set("Location", other.URL+"/z")
		default:
			w.Write([]byte(`{"ok":1}`))
			return
		}
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	resp, err := c.Request(ctx, client.Option{URL: "/away", Mode: client.ModeCORS})
	if !errors.Is(err, client.ErrCrossOrigin) {
		t.Errorf("cors redirect to %s: err = %v, want ErrCrossOrigin (fetch's network error)", withCreds, err)
	}
	if strings.Contains(resp.URL, "u:p") || (err != nil && strings.Contains(err.Error(), "u:p")) {
		t.Errorf("the Location's credentials show: URL %q, err %v", resp.URL, err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the hop was sent %d times, want 0", n)
	}

	// Step 8: once the chain has been to another origin (response tainting
	// cors), a Location with credentials fails on the client's origin too.
	if resp, err := c.Request(ctx, client.Option{URL: "/back", Mode: client.ModeCORS}); !errors.Is(err, client.ErrCrossOrigin) {
		t.Errorf("cors redirect home with credentials after another origin: err = %v (status %d), want ErrCrossOrigin", err, resp.StatusCode)
	}

	// The same URL without credentials is followed, and so is a URL with
	// credentials of the client's own origin (step 9 does not apply).
	if resp, err := c.Request(ctx, client.Option{URL: "/plain", Mode: client.ModeCORS}); err != nil || resp.StatusCode != 200 {
		t.Errorf("cors redirect to another origin without credentials: %v, status %d", err, resp.StatusCode)
	}
	if resp, err := c.Request(ctx, client.Option{URL: "/self", Mode: client.ModeCORS}); err != nil || resp.StatusCode != 200 {
		t.Errorf("cors redirect to the client's origin with credentials: %v, status %d", err, resp.StatusCode)
	}
	// no-cors is not cors: fetch follows it (opaquely).
	if _, err := c.Request(ctx, client.Option{URL: "/away", Mode: client.ModeNoCORS}); err != nil {
		t.Errorf("no-cors redirect: %v, want it followed", err)
	}
}
