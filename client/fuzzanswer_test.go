package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// FuzzServerAnswer: whatever a server answers (status, headers, body), the
// client neither panics nor returns a nil response or an empty error.
func FuzzServerAnswer(f *testing.F) {
	f.Add(200, "application/json", "", "", "", "", "", "", []byte(`{"v":"1"}`), uint8(0))
	f.Add(302, "", "//[::1%zz]/x", "", "", "", "", "", []byte{}, uint8(1))
	f.Add(206, "text/event-stream", "", "bytes 0-5/3", "W/\"e\"", "max-age=9", "999999999999999999", "a=b; Path=/; Max-Age=-1", []byte("data: x\n\n"), uint8(7))
	f.Add(503, "application/javascript", "\x00", "bytes */*", "", "stale-if-error=5", "Wed, 21 Oct 2015 07:28:00 GMT", "", []byte("cb({})"), uint8(255))
	f.Add(101, "", "", "", "", "", "", "", []byte{}, uint8(3))
	f.Fuzz(func(t *testing.T, status int, ct, location, crange, etag, cc, retryAfter, setCookie string, body []byte, flags uint8) {
		if status < 100 || status > 999 {
			status = 200 + (status%800+800)%800
		}
		var n int
		rt := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			n++
			if r.Body != nil {
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
			}
			h := http.Header{}
			for k, v := range map[string]string{"Content-Type": ct, "Location": location, "Content-Range": crange,
				"ETag": etag, "Cache-Control": cc, "Retry-After": retryAfter, "Set-Cookie": setCookie, "Last-Modified": retryAfter, "Vary": etag} {
				if v != "" {
					h[k] = []string{v}
				}
			}
			b := body
			if flags&64 != 0 {
				var buf bytes.Buffer
				zw := gzip.NewWriter(&buf)
				zw.Write(body)
				zw.Close()
				b = buf.Bytes()
				if flags&1 != 0 {
					b = b[:len(b)/2]
				}
				h.Set("Content-Encoding", "gzip")
			}
			cl := int64(len(b))
			if flags&128 != 0 {
				cl = -1
			}
			if n > 6 {
				status = 200
			}
			return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(b)), ContentLength: cl, Request: r, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
		})
		opts := []client.ClientOption{client.WithBaseURL("http://fuzz.test"), client.WithTransport(rt),
			client.WithMaxResponseBytes(1 << 16)}
		if flags&2 != 0 {
			opts = append(opts, client.WithHTTPCache())
		}
		st := store.NewMemory()
		opts = append(opts, client.WithStore(st))
		c := client.New(opts...)
		opt := client.Option{URL: "/x", UseStore: flags&4 != 0, JSONP: flags&8 != 0, EnableChunked: flags&16 != 0,
			StoreCheckKey: "v", StoreSign: "1", Timeout: 500 * time.Millisecond, RetryTimes: 1, Backup: []string{"/y"}, Mode: client.ModeCORS}
		if flags&32 != 0 {
			opt.ResponseType = client.ResponseTypeArrayBuffer
			opt.Method = "POST"
			opt.Data = strings.NewReader("payload")
			opt.JSONP = false
		}
		if flags&1 != 0 && !opt.JSONP {
			opt.Header = http.Header{"Range": {"bytes=0-3"}}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		for i := 0; i < 2; i++ {
			n = 0
			resp, err := c.Request(ctx, opt)
			zzCheck(t, resp, err)
			if opt.EnableChunked && resp.Body != nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		opt.EnableChunked = false
		client.Do[map[string]any](ctx, c, opt)
		k := 0
		for _, err := range c.Events(ctx, client.Option{URL: "/x", Timeout: 200 * time.Millisecond, RetryTimes: client.NoRetry}) {
			if k++; err != nil || k > 3 {
				break
			}
		}
		cancel()
	})
}
