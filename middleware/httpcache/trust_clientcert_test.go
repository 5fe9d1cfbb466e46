package httpcache_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// userCert is a self-signed TLS client certificate for the user who.
func userCert(t *testing.T, who string) tls.Certificate {
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

// Two users told apart by their TLS client certificate alone, each with
// the cache layer over an *http.Transport of their own and one storage
// between them (replicas over one Redis): their requests carry no
// credential header, so both were filed under the partition of requests
// without credentials, and bob was answered alice's /me from her entry;
// so was a client's call through such a layer (client.WithTransport),
// which the client's partition, made without the certificate, filed
// there. A client (client.New) draws a key of its own for an
// *http.Transport with a certificate; the layer alone did not.
func TestLayerOverClientCertificateTransportKeepsUsersApart(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		fmt.Fprintf(w, "me: %s", r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	storage := store.NewMemory()
	user := func(who string, opts ...httpcache.Option) *http.Client {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		tr.TLSClientConfig.Certificates = []tls.Certificate{userCert(t, who)}
		t.Cleanup(tr.CloseIdleConnections)
		return &http.Client{Transport: httpcache.New(tr, append(opts, httpcache.WithStorage(storage))...), Timeout: 10 * time.Second}
	}
	alice, bob := user("alice"), user("bob")
	if body, _ := get(t, alice, srv.URL+"/me"); body != "me: alice" {
		t.Fatalf("alice got %q", body)
	}
	if body, resp := get(t, alice, srv.URL+"/me"); body != "me: alice" || resp.Header.Get("Age") == "" {
		t.Fatalf("alice again: %q, not from her entry (Age %q)", body, resp.Header.Get("Age"))
	}
	if body, _ := get(t, bob, srv.URL+"/me"); body != "me: bob" {
		t.Errorf("bob was answered %q", body)
	}
	// A client's calls through each user's layer (client.WithTransport):
	// the client's partition, made without the certificate, was the key.
	for _, who := range []string{"carol", "dave"} {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		tr.TLSClientConfig.Certificates = []tls.Certificate{userCert(t, who)}
		t.Cleanup(tr.CloseIdleConnections)
		c := client.New(client.WithTransport(httpcache.New(tr, httpcache.WithStorage(storage))))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		r, err := c.Request(ctx, client.Option{URL: srv.URL + "/call", DataType: "text"})
		cancel()
		if err != nil || r.Data != "me: "+who {
			t.Errorf("%s's call: %v (from cache %v), %v", who, r.Data, r.FromCache, err)
		}
	}
	// Replicas of one user's client given one key (client.WithPartitionKey)
	// still share the entries of their calls through such a layer.
	var fromCache []bool
	for range 2 {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		tr.TLSClientConfig.Certificates = []tls.Certificate{userCert(t, "erin")}
		t.Cleanup(tr.CloseIdleConnections)
		c := client.New(client.WithTransport(httpcache.New(tr, httpcache.WithStorage(storage))),
			client.WithPartitionKey([]byte("erin's replicas")))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		r, err := c.Request(ctx, client.Option{URL: srv.URL + "/replica", DataType: "text"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		fromCache = append(fromCache, r.FromCache)
	}
	if !fromCache[1] {
		t.Errorf("a replica of erin's client given the same key missed the other's entry")
	}
	// Replicas of one user's layer given one key share their entries.
	key := []byte("alice's replicas")
	a1, a2 := user("alice", httpcache.WithPartitionKey(key)), user("alice", httpcache.WithPartitionKey(key))
	get(t, a1, srv.URL+"/shared")
	if _, resp := get(t, a2, srv.URL+"/shared"); resp.Header.Get("Age") == "" {
		t.Errorf("a replica given the same key missed the other's entry")
	}
}
