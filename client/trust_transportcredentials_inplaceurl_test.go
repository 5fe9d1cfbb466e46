package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// inPlaceQueryTransport puts the user's token in the query of the request
// it was handed, against the RoundTripper contract: the answer's Request
// is that request, and its URL, which the layers above share, says nothing
// changed.
type inPlaceQueryTransport struct{ token string }

func (t *inPlaceQueryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	q := req.URL.Query()
	q.Set("access_token", t.token)
	req.URL.RawQuery = q.Encode()
	return http.DefaultTransport.RoundTrip(req)
}

// Such a transport's token is told by the request's URL before and after
// it, as its headers are (credentialPrint): the URL was compared only
// after, with itself, and bob was answered alice's /me from the store and
// from the HTTP cache they share.
func TestTransportCredentialsInQuerySetInPlaceKeepUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"v":"1","who":"`+r.URL.Query().Get("access_token")+`"}`)
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	for _, o := range []client.Option{
		{URL: srv.URL + "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
		{URL: srv.URL + "/profile"}, // the HTTP cache alone
	} {
		st, cache := store.NewMemory(), store.NewMemory()
		for _, who := range []string{"alice", "bob"} {
			c := client.New(client.WithTransport(&inPlaceQueryTransport{who}), client.WithStore(st),
				client.WithHTTPCache(httpcache.WithStorage(cache)))
			r, err := c.Request(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Data.(map[string]any)["who"]; got != who {
				t.Errorf("%s: %s was answered %v (FromStore %v, FromCache %v)", o.URL, who, got, r.FromStore, r.FromCache)
			}
		}
	}
}

// The same through a plain http.Client over each client's Transport.
func TestTransportCredentialsInQuerySetInPlaceKeepPlainUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, r.URL.Query().Get("access_token"))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	st, cache := store.NewMemory(), store.NewMemory()
	for _, who := range []string{"alice", "bob"} {
		c := client.New(client.WithTransport(&inPlaceQueryTransport{who}), client.WithStore(st),
			client.WithHTTPCache(httpcache.WithStorage(cache)))
		hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
		resp, err := hc.Get(srv.URL + "/me")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || string(b) != who {
			t.Errorf("%s was answered %q, %v", who, b, err)
		}
	}
}
