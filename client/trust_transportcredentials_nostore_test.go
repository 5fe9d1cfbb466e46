package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A client whose layers are an HTTP cache without a store layer above it
// (WithLayers): a plain http.Client's request over its Transport had no
// PlainAnswer for the bottom layer to mark, so the token the transport set
// for the user its context names went unnoticed and the cache kept alice's
// /me for every user: bob was answered it.
func TestTransportCredentialsKeepPlainUsersApartWithoutStore(t *testing.T) {
	for name, layers := range map[string][]middleware.Middleware{
		"cache alone":       {httpcache.Middleware()},
		"cache above store": {httpcache.Middleware(), client.DefaultLayers()[0]},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", "max-age=60")
				io.WriteString(w, r.Header.Get("Authorization"))
			}))
			defer srv.Close()
			defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
			c := client.New(client.WithTransport(ctxUserTransport{}), client.WithLayers(layers...))
			eachAnsweredOwnToken(t, &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}, srv.URL+"/me")
		})
	}
}

// The same with a call (client.Request): its Call is marked, store or not.
func TestTransportCredentialsKeepCallUsersApartWithoutStore(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"who":"`+r.Header.Get("Authorization")+`"}`)
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	c := client.New(client.WithTransport(ctxUserTransport{}), client.WithLayers(httpcache.Middleware()))
	for _, who := range []string{"alice", "bob"} {
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
		r, err := c.Request(ctx, client.Option{URL: srv.URL + "/me"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != "Bearer "+who {
			t.Errorf("%s was answered %v", who, got)
		}
	}
}

// A store layer of yours around the client's Transport (outside the
// client): the bottom layer marks the PlainAnswer that store gave the
// request, which the client's own store layer used to hide behind one of
// its own, and the outer store kept alice's /me for bob. An HTTP cache of
// yours there had none to hand down: it kept alice's /me for bob too.
func TestTransportCredentialsKeepPlainUsersApartInOuterStore(t *testing.T) {
	always := func(*http.Response, []byte) bool { return true }
	for name, outer := range map[string]func(http.RoundTripper) http.RoundTripper{
		"store": store.Middleware(store.NewMemory(), store.WithCheck(always)),
		"httpcache": func(rt http.RoundTripper) http.RoundTripper {
			return httpcache.New(rt)
		},
		// alice's request reloads (fetched alone, written), bob's reads
		// what it wrote, through another cache over the same storage.
		"httpcache reload": func(rt http.RoundTripper) http.RoundTripper {
			st := store.NewMemory()
			reload := httpcache.New(rt, httpcache.WithStorage(st), httpcache.WithMode(httpcache.ModeReload))
			read := httpcache.New(rt, httpcache.WithStorage(st))
			return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				if r.Context().Value(ctxUserKey{}) == "alice" {
					return reload.RoundTrip(r)
				}
				return read.RoundTrip(r)
			})
		},
	} {
		t.Run(name, func(t *testing.T) { outerPlainUsersApart(t, outer) })
	}
}

func outerPlainUsersApart(t *testing.T, outer func(http.RoundTripper) http.RoundTripper) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	c := client.New(client.WithTransport(ctxUserTransport{}))
	hc := &http.Client{Transport: outer(c.Transport())}
	eachAnsweredOwnToken(t, hc, srv.URL+"/me")
}

// eachAnsweredOwnToken has alice, then bob, ask url over hc, a request whose
// context names the user (ctxUserTransport sends their token), and wants
// each answered their own token, as the server echoes it.
func eachAnsweredOwnToken(t *testing.T, hc *http.Client, url string) {
	t.Helper()
	for _, who := range []string{"alice", "bob"} {
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := hc.Do(req)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if err != nil || string(b) != "Bearer "+who {
			t.Errorf("%s was answered %q, %v", who, b, err)
		}
	}
}
