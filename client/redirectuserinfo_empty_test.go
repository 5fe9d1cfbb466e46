package client_test

import (
	"context"
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
// ErrCrossOrigin.
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
	if _, err := c.Request(ctx, client.Option{URL: "/r?ui=u:", Mode: client.ModeCORS}); err == nil {
		t.Error("cors redirect to http://u:@other followed, want ErrCrossOrigin (a username)")
	}
}
