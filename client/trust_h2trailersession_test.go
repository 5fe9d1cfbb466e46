package client_test

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// Over HTTP/2 an answer may announce its length and still send a trailer
// it did not declare (no Trailer field): net/http fills resp.Trailer only
// on the read that says io.EOF, after the announced bytes. The store and
// the HTTP cache of a plain http.Client wrote such an answer once those
// bytes were read (middleware.BufferBody, the store's keepingBody), before
// the trailer's session could be seen: the next caller without credentials
// got the first one's CSRF token.
func TestAnonymousSessionInAnUndeclaredHTTP2TrailerIsNotShared(t *testing.T) {
	for _, field := range []string{"Set-Cookie", "X-Session-Token"} {
		for _, layer := range []string{"store", "cache"} {
			undeclaredH2TrailerNotShared(t, field, layer)
		}
	}
}

func undeclaredH2TrailerNotShared(t *testing.T, field, layer string) {
	var n atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := fmt.Sprintf("visitor%d", n.Add(1))
		body := fmt.Sprintf(`{"v":"1","csrf":"csrf-of-%s"}`, id)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write([]byte(body))
		w.Header().Set(http.TrailerPrefix+field, "sid="+id)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	base := srv.Client().Transport.(*http.Transport)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: base.TLSClientConfig.RootCAs}, ForceAttemptHTTP2: true}
	rt := http.RoundTripper(store.New(tr, store.NewMemory(), storeAlways))
	if layer == "cache" {
		rt = httpcache.New(tr)
	}
	got := getTwice(t, rt, srv.URL+"/form")
	if got[0] == got[1] || n.Load() != 2 {
		t.Errorf("%s, %s: the second caller got %s, %d requests reached the server", field, layer, got[1], n.Load())
	}
	tr.CloseIdleConnections()
	srv.Close()
}
