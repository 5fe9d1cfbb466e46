package client_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// trailerSessionServer hands each request a new session in field, sent as
// an HTTP/1.1 trailer after the chunked body that holds what is bound to
// it; cc is the answer's Cache-Control.
func trailerSessionServer(t *testing.T, field, cc string) *recorder {
	var n atomic.Int64
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		id := fmt.Sprintf("visitor%d", n.Add(1))
		w.Header().Set("Trailer", field)
		w.Header().Set("Cache-Control", cc)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","csrf":"csrf-of-%s"}`, id)
		w.(http.Flusher).Flush()
		w.Header().Set(field, "sid="+id)
	})
}

// A session handed to a caller without credentials in a trailer (a
// Set-Cookie, X-Session-Token, X-Auth-Token sent after the body) is as
// much that session's as one in the header: the store and the HTTP cache
// read HandsSession from the header alone, and kept the answer for every
// caller without credentials, the next of whom got the first one's CSRF
// token, in a client and in a plain http.Client. Not written now once the
// trailer has come with a session in it, unless the header says public.
func TestAnonymousSessionInATrailerIsNotShared(t *testing.T) {
	for _, field := range []string{"Set-Cookie", "X-Session-Token", "X-Auth-Token"} {
		checkAnonymousAnswersNotShared(t, "trailer "+field, func() *recorder { return trailerSessionServer(t, field, "max-age=60") }, "csrf")
		for name, rt := range map[string]http.RoundTripper{
			"plain store": store.New(nil, store.NewMemory(), storeAlways),
			"plain cache": httpcache.New(nil),
		} {
			srv := trailerSessionServer(t, field, "max-age=60")
			if got := getTwice(t, rt, srv.URL+"/form"); got[0] == got[1] || srv.count.Load() != 2 {
				t.Errorf("trailer %s, %s: the second caller got %s, %d requests reached the server", field, name, got[1], srv.count.Load())
			}
		}
	}
	for name, rt := range map[string]http.RoundTripper{
		"plain store": store.New(nil, store.NewMemory(), storeAlways),
		"plain cache": httpcache.New(nil),
	} {
		srv := trailerSessionServer(t, "X-Session-Token", "public, max-age=60")
		getTwice(t, rt, srv.URL+"/news")
		if n := srv.count.Load(); n != 1 {
			t.Errorf("public, %s: %d requests reached the server, want 1", name, n)
		}
	}
}
