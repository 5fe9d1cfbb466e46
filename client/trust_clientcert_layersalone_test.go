package client_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// Each layer works alone in a plain http.Client. Two users told apart by
// a TLS client certificate in their own *http.Transport, each with a store
// layer (or an HTTP cache layer) over it and one storage shared between
// them (replicas over one Redis), send no credential header: the HTTP
// cache layer draws a random key of its own over such a transport, as a
// client does, but the store layer did not, so it filed both users'
// requests under the partition of requests without credentials that
// every layer without a key shares, and bob was answered alice's /me.
func TestClientCertificateUsersApartWithLayersAlone(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, max-age=600")
		fmt.Fprintf(w, `{"v":"1","who":%q}`, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	accept := func(*http.Response, []byte) bool { return true } // stored data answers first
	for _, layer := range []struct {
		name string
		of   func(shared store.Store) middleware.Middleware
	}{
		{"store", func(st store.Store) middleware.Middleware { return store.Middleware(st, store.WithCheck(accept)) }},
		{"httpcache", func(st store.Store) middleware.Middleware { return httpcache.Middleware(httpcache.WithStorage(st)) }},
	} {
		shared := store.NewMemory()
		userClient := func(who string) *http.Client {
			tr := srv.Client().Transport.(*http.Transport).Clone()
			cert := clientCert(t, who)
			if who == "bob" { // the README's other way to give one
				tr.TLSClientConfig.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return &cert, nil }
			} else {
				tr.TLSClientConfig.Certificates = []tls.Certificate{cert}
			}
			t.Cleanup(tr.CloseIdleConnections)
			return &http.Client{Transport: layer.of(shared)(tr), Timeout: 10 * time.Second}
		}
		get := func(hc *http.Client) string {
			resp, err := hc.Get(srv.URL + "/me")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
		alice, bob := userClient("alice"), userClient("bob")
		if got := get(alice); got != `{"v":"1","who":"alice"}` {
			t.Fatalf("%s: alice got %s", layer.name, got)
		}
		if before := hits.Load(); get(alice) != `{"v":"1","who":"alice"}` || hits.Load() != before {
			t.Errorf("%s: alice again: not answered from her own entry", layer.name)
		}
		if got := get(bob); got != `{"v":"1","who":"bob"}` {
			t.Errorf("%s layer alone: bob was answered %s", layer.name, got)
		}
	}
}

// The store and HTTP cache layers over a certificate transport may also be
// a client's transport (client.WithTransport(store.New(tr, shared))): the
// client, given no key and a transport of another kind, draws none, and
// its calls come with the partition of requests without credentials.
func TestClientCertificateUsersApartWithLayerAsTransport(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, max-age=600")
		fmt.Fprintf(w, `{"v":"1","who":%q}`, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	for _, layer := range []struct {
		name string
		of   func(shared store.Store) middleware.Middleware
	}{
		{"store", func(st store.Store) middleware.Middleware { return store.Middleware(st) }},
		{"httpcache", func(st store.Store) middleware.Middleware { return httpcache.Middleware(httpcache.WithStorage(st)) }},
	} {
		shared := store.NewMemory()
		userClient := func(who string) *client.Client {
			tr := srv.Client().Transport.(*http.Transport).Clone()
			tr.TLSClientConfig.Certificates = []tls.Certificate{clientCert(t, who)}
			t.Cleanup(tr.CloseIdleConnections)
			return client.New(client.WithTransport(layer.of(shared)(tr)))
		}
		opt := client.Option{URL: srv.URL + "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		alice, bob := userClient("alice"), userClient("bob")
		if r, err := alice.Request(ctx, opt); err != nil || r.Data.(map[string]any)["who"] != "alice" {
			t.Fatalf("%s: alice got %v %v", layer.name, r.Data, err)
		}
		before := hits.Load()
		if _, err := alice.Request(ctx, opt); err != nil || hits.Load() != before {
			t.Errorf("%s: alice again: not answered from her own entry (%v)", layer.name, err)
		}
		r, err := bob.Request(ctx, opt)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != "bob" {
			t.Errorf("%s layer as the client's transport: bob got %v's data (store %v, cache %v)", layer.name, got, r.FromStore, r.FromCache)
		}
	}
}
