package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestNetworkAnswerKeepsTrailerAndConnection: a GET the cache sends to the
// origin (a miss) is handed on as the origin's answer, in a plain
// http.Client: its trailer fields (Trailer, known once the body is read),
// its connection's TLS state and its protocol are kept, as without the
// layer. The layer rebuilt the answer from the entry it made of it, so that
// Trailer was empty, TLS nil and Proto HTTP/1.1 whatever came. A cached
// entry answering later has no connection of its own; RFC 9111 §3 lets a
// cache drop trailers from what it stores.
func TestNetworkAnswerKeepsTrailerAndConnection(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Checksum")
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, "payload")
		w.Header().Set("X-Checksum", "c0ffee")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	base := srv.Client().Transport
	for name, rt := range map[string]http.RoundTripper{
		"without": base,
		"shared":  httpcache.New(base),                                           // fetchShared (coalesced)
		"reload":  httpcache.New(base, httpcache.WithMode(httpcache.ModeReload)), // fetchAlone
	} {
		hc := &http.Client{Transport: rt}
		resp, err := hc.Get(srv.URL + "/doc")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || string(body) != "payload" {
			t.Fatalf("%s: body %q, %v", name, body, err)
		}
		if got := resp.Trailer.Get("X-Checksum"); got != "c0ffee" {
			t.Errorf("%s: Trailer X-Checksum = %q, want c0ffee (Trailer %v)", name, got, resp.Trailer)
		}
		if resp.TLS == nil {
			t.Errorf("%s: TLS is nil for an answer over TLS", name)
		}
		if resp.ProtoMajor != 2 || resp.Proto != "HTTP/2.0" {
			t.Errorf("%s: Proto %q (%d), want HTTP/2.0", name, resp.Proto, resp.ProtoMajor)
		}
	}
	// The next GET is answered by the entry, which has no connection: a
	// Trailer of its own to share it does not need.
	hc := &http.Client{Transport: httpcache.New(base)}
	for range 2 {
		resp, err := hc.Get(srv.URL + "/doc")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
