package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A body the client decodes itself (deflate, a list of codings) that ends,
// at its announced length, before its coding does (a short plain body
// labelled deflate, "{}"; a gzip member cut inside a body that arrived
// whole) answers so every time: its decoder's unexpected EOF is not a cut
// connection's, and the attempt is not retried, as README's RetryTimes row
// says of a body not in the coding it names. A body whose connection is cut
// before its announced length is still retried, and so are a body of no
// told length and a lone gzip, which net/http decodes: their short stream
// may be a cut one.
func TestACodedBodyThatEndsBeforeItsCodingIsNotRetried(t *testing.T) {
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	_, _ = zw.Write([]byte(`{"ok": true, "padding": "enough to be cut inside the member"}`))
	_ = zw.Close()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/deflate-short":
			w.Header().Set("Content-Encoding", "deflate")
			_, _ = w.Write([]byte(`{}`))
		case "/gzip-list-short":
			w.Header().Set("Content-Encoding", "gzip, gzip")
			_, _ = w.Write(member.Bytes()) // coded once: the inner gzip reads {"ok"…
		case "/gzip-list-cut-member":
			w.Header().Set("Content-Encoding", "gzip, identity")
			_, _ = w.Write(member.Bytes()[:member.Len()-12])
		case "/gzip-short":
			// net/http decodes a lone gzip: the client cannot tell this
			// end from a cut one (README says so), and retries it.
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write([]byte(`{}`))
		case "/close-delimited":
			// No length told: the connection's close ends the body, and a
			// cut is an end too, so the short stream may be one.
			conn, buf, _ := w.(http.Hijacker).Hijack()
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nConnection: close\r\n\r\n{}")
			_ = buf.Flush()
			_ = conn.Close()
		case "/cut-connection":
			w.Header().Set("Content-Encoding", "deflate")
			w.Header().Set("Content-Length", "100")
			_, _ = w.Write([]byte(`{}`))
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler) // closes the connection 98 bytes short
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for path, want := range map[string]int32{
		"/deflate-short": 1, "/gzip-list-short": 1, "/gzip-list-cut-member": 1,
		"/gzip-short": 3, "/close-delimited": 3, "/cut-connection": 3,
	} {
		hits.Store(0)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := c.Request(ctx, client.Option{URL: path, RetryTimes: 2})
		cancel()
		if err == nil || hits.Load() != want {
			t.Errorf("%s: err %v after %d attempts; want a failure after %d", path, err, hits.Load(), want)
		}
	}
}
