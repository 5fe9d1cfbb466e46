package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// Any header name and value, method, URL tail and query data: the call
// fails before any I/O with the sentinel of the field at fault, or the
// request the listener reads raw has one request line of three parts and
// no header field but the transport's and the one given.
func FuzzNothingSplitsOnTheWire(f *testing.F) {
	f.Add("X-A", "v", "GET", "/x", "a=1")
	f.Add("X-A\r\nX-B", "v\r\nX-C: 1", "GET\r\n", "/x\r\nX-D: 1", "a=1\r\nX-E: 1")
	f.Add("Cookie", "a=b\nX: y", "post", "/x y HTTP/1.1\r\n\r\nGET /", "\x00")
	w := newRawWire(f)
	base := "http://" + w.ln.Addr().String()
	c := client.New(client.WithBaseURL(base))
	allowed := map[string]bool{"Host": true, "User-Agent": true, "Accept-Encoding": true, "Content-Length": true,
		"Content-Type": true, "Transfer-Encoding": true, "Connection": true}
	f.Fuzz(func(t *testing.T, name, value, method, tail, data string) {
		w.mu.Lock()
		before := len(w.reqs)
		w.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		opt := client.Option{URL: "/x" + tail, Method: method, Header: http.Header{name: {value}},
			RetryTimes: client.NoRetry, Timeout: 2 * time.Second}
		if m := strings.ToUpper(method); m == "GET" || m == "HEAD" || m == "" {
			opt.Data = data
		} else {
			opt.Data = map[string]string{"d": data}
		}
		_, err := c.Request(ctx, opt)
		w.mu.Lock()
		got := w.reqs[before:]
		w.mu.Unlock()
		if err != nil && len(got) == 0 {
			for _, s := range []error{client.ErrInvalidHeader, client.ErrInvalidMethod, client.ErrInvalidURL,
				client.ErrInvalidOption, encoders.ErrUnencodable, client.ErrCrossOrigin} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("refused without a sentinel: %v", err)
		}
		for _, raw := range got {
			head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
			lines := strings.Split(head, "\r\n")
			if parts := strings.Split(lines[0], " "); len(parts) != 3 || !strings.HasPrefix(parts[2], "HTTP/1.") {
				t.Fatalf("request line %q", lines[0])
			}
			for _, l := range lines[1:] {
				k, _, ok := strings.Cut(l, ":")
				if !ok || strings.ContainsAny(l, "\r\n\x00") {
					t.Fatalf("header line %q in\n%s", l, raw)
				}
				if ck := http.CanonicalHeaderKey(k); !allowed[ck] && ck != http.CanonicalHeaderKey(name) {
					t.Fatalf("header %q was not given, in\n%s", k, raw)
				}
			}
		}
	})
}
