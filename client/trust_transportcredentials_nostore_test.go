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
			hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
			for _, who := range []string{"alice", "bob"} {
				ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/me", nil)
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
// its own, and the outer store kept alice's /me for bob.
func TestTransportCredentialsKeepPlainUsersApartInOuterStore(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	c := client.New(client.WithTransport(ctxUserTransport{}))
	always := func(*http.Response, []byte) bool { return true }
	hc := &http.Client{Transport: store.Middleware(store.NewMemory(), store.WithCheck(always))(c.Transport())}
	for _, who := range []string{"alice", "bob"} {
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/me", nil)
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
