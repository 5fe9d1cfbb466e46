package client_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/transports"
)

// A client draws a partition key of its own over an *http.Transport with a
// TLS client certificate, but looked at its transport alone: given a
// Recorder, or one of this module's layers, over that transport, it drew
// none, and two users' clients over one store filed their calls under the
// partition of requests without credentials: bob was answered alice's /me.
// The client now looks through what says what is below it (Unwrap).
func TestClientCertificateUsersApartBehindAWrapper(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","who":%q}`, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	for _, w := range []struct {
		name string
		wrap func(t *testing.T, tr *http.Transport) http.RoundTripper
	}{
		{"Recorder", func(t *testing.T, tr *http.Transport) http.RoundTripper {
			rec, err := transports.NewRecorder(tr, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return rec
		}},
		{"store layer", func(t *testing.T, tr *http.Transport) http.RoundTripper { return store.New(tr, store.NewMemory()) }},
		{"timeout over a Recorder", func(t *testing.T, tr *http.Transport) http.RoundTripper {
			rec, err := transports.NewRecorder(tr, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return timeout.New(rec)
		}},
	} {
		t.Run(w.name, func(t *testing.T) {
			shared := store.NewMemory()
			userClient := func(who string) *client.Client {
				tr := srv.Client().Transport.(*http.Transport).Clone()
				tr.TLSClientConfig.Certificates = []tls.Certificate{clientCert(t, who)}
				t.Cleanup(tr.CloseIdleConnections)
				return client.New(client.WithTransport(w.wrap(t, tr)), client.WithStore(shared))
			}
			get := func(c *client.Client) (*client.Response, error) {
				return c.Request(context.Background(), client.Option{URL: srv.URL + "/me", UseStore: true,
					StoreCheckKey: "v", StoreSign: "1"})
			}
			alice, bob := userClient("alice"), userClient("bob")
			if r, err := get(alice); err != nil || fmt.Sprint(r.Data) != "map[v:1 who:alice]" {
				t.Fatalf("alice: %v, %v", r.Data, err)
			}
			if r, err := get(alice); err != nil || !r.FromStore {
				t.Errorf("alice again: %v, from store %v; want her own entry", err, r.FromStore)
			}
			r, err := get(bob)
			if err != nil || fmt.Sprint(r.Data) != "map[v:1 who:bob]" || r.FromStore {
				t.Errorf("bob was answered %v (from store %v, %v)", r.Data, r.FromStore, err)
			}
		})
	}
}
