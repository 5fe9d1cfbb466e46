package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// An inner layer that pins a host name to an address (curl --resolve style:
// URL host rewritten, Host header kept) adds no secret: what the caller
// wrote in the backup URL must still reach the backup (README Security: "the
// secret query parameters ... they added to the URL the client made for that
// request (the backup's, the Location's: what you or the server wrote there
// stays)").
func TestBackupQueryKeptWhenAnInnerLayerResolvesTheHost(t *testing.T) {
	var got string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Host + " " + r.URL.RawQuery
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	port := other.URL[strings.LastIndex(other.URL, ":")+1:]
	named := "backup.localtest:" + port
	resolve := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Host != named {
				return next.RoundTrip(req)
			}
			r := req.Clone(req.Context())
			r.URL.Host, r.Host = "127.0.0.1:"+port, named
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(api.URL), client.WithInnerLayers(resolve))
	_, err := c.Request(context.Background(), client.Option{URL: "/items", Mode: client.ModeCORS,
		RetryTimes: client.NoRetry, Backup: []string{"http://" + named + "/items?api_key=written-for-backup&page=2"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := named + " api_key=written-for-backup&page=2"; got != want {
		t.Errorf("backup got %q, want %q", got, want)
	}
}
