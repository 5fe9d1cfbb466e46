package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// fetch's "includes credentials" is a URL whose username or password is
// not empty: a Location of another origin with an empty userinfo
// ("http://@host/x", "http://:@host/x") carries none, and a cors call
// follows it, as fetch does. Only one with a name or a password is
// ErrCrossOrigin, whose text names the mode that refused it.
func TestCORSRedirectWithEmptyUserinfoIsFollowed(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer other.Close()
	host := strings.TrimPrefix(other.URL, "http://")
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://"+r.URL.Query().Get("ui")+"@"+host+"/x")
		w.WriteHeader(http.StatusFound)
	}))
	defer home.Close()
	c := client.New(client.WithBaseURL(home.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, ui := range []string{"", ":"} {
		resp, err := c.Request(ctx, client.Option{URL: "/r?ui=" + ui, Mode: client.ModeCORS})
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("cors redirect to http://%s@other: %v (status %d), want it followed (no credentials)", ui, err, resp.StatusCode)
		}
	}
	_, err := c.Request(ctx, client.Option{URL: "/r?ui=u:", Mode: client.ModeCORS})
	if !errors.Is(err, client.ErrCrossOrigin) {
		t.Fatalf("cors redirect to http://u:@other: %v, want ErrCrossOrigin (a username)", err)
	}
	// The refusal is cors's, and its text says so: not "mode same-origin".
	if msg := err.Error(); strings.Contains(msg, "same-origin") || !strings.Contains(msg, "cors") {
		t.Errorf("cors refusal's text: %q names another mode", msg)
	}
	_, err = c.Request(ctx, client.Option{URL: "/r?ui=u:"})
	if msg := fmt.Sprint(err); !errors.Is(err, client.ErrCrossOrigin) || !strings.Contains(msg, "mode same-origin") {
		t.Errorf("same-origin refusal: %q, want ErrCrossOrigin naming mode same-origin", msg)
	}
}
