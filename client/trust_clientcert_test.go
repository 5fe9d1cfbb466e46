package client_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// clientCert is a self-signed TLS client certificate for the user who.
func clientCert(t *testing.T, who string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: who},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// Users told apart by their connection alone, a TLS client certificate in
// each user's http.Transport, send no credential header: their clients,
// given no partition key and sharing one store and one HTTP cache storage
// (replicas over one Redis), filed both users' requests under the
// partition of requests without credentials, and bob was answered alice's
// /me. A client whose *http.Transport has a client certificate now keys
// its entries with a random key of its own.
func TestClientCertificateUsersApartWithoutAKey(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, max-age=600")
		fmt.Fprintf(w, `{"v":"1","who":%q}`, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	st, cache := store.NewMemory(), store.NewMemory()
	userClient := func(who string) *client.Client {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		tr.TLSClientConfig.Certificates = []tls.Certificate{clientCert(t, who)}
		t.Cleanup(tr.CloseIdleConnections)
		return client.New(client.WithBaseURL(srv.URL), client.WithTransport(tr), client.WithStore(st),
			client.WithHTTPCache(httpcache.WithStorage(cache)))
	}
	alice, bob := userClient("alice"), userClient("bob")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, o := range []client.Option{
		{URL: "/stored", UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
		{URL: "/cached"},
	} {
		if r, err := alice.Request(ctx, o); err != nil || r.Data.(map[string]any)["who"] != "alice" {
			t.Fatalf("alice %s: %v %v", o.URL, r.Data, err)
		}
		r, err := bob.Request(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != "bob" {
			t.Errorf("bob %s: got %v's data (store %v, cache %v)", o.URL, got, r.FromStore, r.FromCache)
		}
		if r, err := alice.Request(ctx, o); err != nil || !r.FromStore && !r.FromCache {
			t.Errorf("alice %s again: not answered from her own entry (%v)", o.URL, err)
		}
	}
	// A plain http.Client over each client's Transport: the same.
	get := func(c *client.Client) string {
		resp, err := (&http.Client{Transport: c.Transport()}).Get(srv.URL + "/plain")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	get(alice)
	if got := get(bob); got != `{"v":"1","who":"bob"}` {
		t.Errorf("bob's plain request: %s", got)
	}
}
