package client_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// README (Header row): a Proxy-Authorization on an http URL is refused only
// when the transport sends it to no proxy, "(a transport of yours that is
// not an *http.Transport may proxy: it gets the header)"; on an https URL it
// is ErrInvalidHeader whatever the transport (it would go inside the
// tunnel). A transport of another kind gets the caller's header on an http
// call, and is never called for the https one.
func TestProxyAuthorizationReachesATransportOfAnotherKind(t *testing.T) {
	var mu sync.Mutex
	var got []string
	own := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		got = append(got, r.URL.Scheme+" "+r.Header.Get("Proxy-Authorization"))
		mu.Unlock()
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	c := client.New(client.WithTransport(own))
	h := http.Header{"Proxy-Authorization": {"Basic cHJveHk6cHc="}}
	if _, err := c.Request(context.Background(), client.Option{URL: "http://api.test/x", Header: h}); err != nil {
		t.Fatalf("http: %v", err)
	}
	_, err := c.Request(context.Background(), client.Option{URL: "https://api.test/x", Header: h})
	if !errors.Is(err, client.ErrInvalidHeader) {
		t.Errorf("https: err %v, want ErrInvalidHeader", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0] != "http Basic cHJveHk6cHc=" {
		t.Errorf("the transport got %q; want the http call alone, with the caller's Proxy-Authorization", got)
	}
}
