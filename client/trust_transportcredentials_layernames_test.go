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

// ctxWorkspaceTransport puts the workspace the request's context names in
// X-Workspace, on a clone of it.
type ctxWorkspaceTransport struct{}

func (ctxWorkspaceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("X-Workspace", req.Context().Value(ctxUserKey{}).(string))
	return http.DefaultTransport.RoundTrip(r)
}

// A store or HTTP cache layer given a credential name of its own
// (WithCredentialHeaders) that the client was not given: the bottom layer
// compares what the transport sent by the client's names alone, and the
// layer, which would have counted X-Workspace, saw the request the bottom
// layer handed the transport. Bob's plain request was answered alice's
// /me. The PlainAnswer now holds the request the transport says it sent,
// which the layer partitions by its own names.
func TestTransportCredentialsCountedByTheLayersNames(t *testing.T) {
	always := func(*http.Response, []byte) bool { return true }
	for name, layer := range map[string]middleware.Middleware{
		"store": store.Middleware(store.NewMemory(), store.WithCredentialHeaders("X-Workspace"), store.WithCheck(always)),
		"cache": httpcache.Middleware(httpcache.WithCredentialHeaders("X-Workspace")),
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", "max-age=60")
				io.WriteString(w, r.Header.Get("X-Workspace"))
			}))
			defer srv.Close()
			defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
			c := client.New(client.WithTransport(ctxWorkspaceTransport{}), client.WithLayers(layer))
			hc := &http.Client{Transport: c.Transport()}
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
				if err != nil || string(b) != who {
					t.Errorf("%s was answered %q, %v", who, b, err)
				}
			}
		})
	}
}
