package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A PUT whose body is streamed (past WithMaxRequestBuffer, so it cannot be
// sent twice) meets a 302. README: "a PUT, DELETE or PATCH is sent again as
// it was, body included"; fetch (HTTP-redirect fetch): a non-303 redirect of
// a request whose body has no source is a network error. Never a GET that
// succeeds.
func TestAStreamedPUTBodyRedirectedBy302Fails(t *testing.T) {
	var mu sync.Mutex
	var methods []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		methods = append(methods, r.Method+" "+r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/put" {
			http.Redirect(w, r, "/there", http.StatusFound)
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithMaxRequestBuffer(16))
	body := strings.NewReader(strings.Repeat("x", 1024))
	resp, err := c.Request(context.Background(), client.Option{URL: "/put", Method: "PUT", Data: io.Reader(body),
		RetryTimes: client.NoRetry, Header: http.Header{"Content-Type": {"application/octet-stream"}}})
	mu.Lock()
	defer mu.Unlock()
	t.Logf("err=%v status=%d methods=%v", err, resp.StatusCode, methods)
	for _, m := range methods[1:] {
		if strings.HasPrefix(m, "GET") {
			t.Errorf("the PUT became %q after a 302 (err=%v, status %d): fetch keeps it or fails", m, err, resp.StatusCode)
		}
	}
}

// A streamed call sends the same request whether or not the client has an
// interceptor: Cache "" stays the default mode's header fields (none).
func TestStreamedCallsSendNoCacheHeadersWithOrWithoutAnInterceptor(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("Cache-Control")+"|"+r.Header.Get("Pragma"))
		mu.Unlock()
		w.Write([]byte("hello"))
	}))
	defer srv.Close()
	for _, withInterceptor := range []bool{false, true} {
		c := client.New(client.WithBaseURL(srv.URL))
		if withInterceptor {
			c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
				return proceed(ctx, opt)
			})
		}
		resp, err := c.Request(context.Background(), client.Option{URL: "/dl", EnableChunked: true})
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("without, with interceptor: %q", got)
	if got[0] != got[1] {
		t.Errorf("a pass-through interceptor changed the request: Cache-Control|Pragma %q without, %q with", got[0], got[1])
	}
}

// A caller asks for identity so that a stream can be resumed; the client
// drops it, the transport asks for gzip, and the server's gzip answer is not
// resumable (retry refuses an Uncompressed body): the break is final.
func TestAcceptEncodingIdentityIsKeptAndStreamsResume(t *testing.T) {
	payload := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	var mu sync.Mutex
	var aes []string
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		first := n == 1
		aes = append(aes, r.Header.Get("Accept-Encoding")+" range="+r.Header.Get("Range"))
		mu.Unlock()
		w.Header().Set("ETag", `"v1"`)
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && r.Header.Get("Range") == "" {
			// a server that gzips: cut it short
			w.Header().Set("Content-Encoding", "gzip")
			var buf bytes.Buffer
			gzipWrite(&buf, payload)
			w.Header().Set("Content-Length", itoa(buf.Len()))
			w.Write(buf.Bytes()[:buf.Len()/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		if first {
			w.Header().Set("Content-Length", itoa(len(payload)))
			w.Write(payload[:len(payload)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		http.ServeContent(w, r, "x", time.Time{}, bytes.NewReader(payload))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/big", EnableChunked: true,
		Header: http.Header{"Accept-Encoding": {"identity"}}})
	if err != nil {
		t.Fatal(err)
	}
	got, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	t.Logf("read %d of %d, err=%v, requests=%q", len(got), len(payload), rerr, aes)
	if rerr != nil || !bytes.Equal(got, payload) {
		t.Errorf("a stream the caller asked as identity was not resumed: read %d of %d, err=%v", len(got), len(payload), rerr)
	}
}

func gzipWrite(buf *bytes.Buffer, p []byte) {
	zw := gzip.NewWriter(buf)
	zw.Write(p)
	zw.Close()
}

func itoa(n int) string { return strconv.Itoa(n) }

// fetch's text() (WHATWG UTF-8 decode) replaces each maximal subpart of an
// ill-formed sequence by one U+FFFD: a 4-byte character cut after 3 bytes is
// one U+FFFD. Expected values from node: new Response(bytes).text().
func TestTextReplacementIsFetchs(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"a\xF0\x9F\x98b", "a\uFFFDb"},
		{"a\xE2\x82b", "a\uFFFDb"},
		{"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(tc.body))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, err := c.Request(context.Background(), client.Option{URL: "/t", DataType: "text"})
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.Data != tc.want {
			t.Errorf("body %q: Data %q, fetch's text() gives %q", tc.body, resp.Data, tc.want)
		}
	}
}
