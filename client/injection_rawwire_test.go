package client_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// rawWire is a loopback listener that keeps the bytes of every request as
// they came off the wire (header block and declared body), answers 200
// {} and closes the connection: one request per connection, so bytes
// left after a request are another request smuggled in.
type rawWire struct {
	ln   net.Listener
	mu   sync.Mutex
	reqs [][]byte
	left [][]byte // bytes a connection held past its one request
	wg   sync.WaitGroup
}

func newRawWire(t testing.TB) *rawWire {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w := &rawWire{ln: ln}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			w.wg.Add(1)
			go func() { defer w.wg.Done(); w.serve(c) }()
		}
	}()
	t.Cleanup(func() { ln.Close(); w.wg.Wait() })
	return w
}

func (w *rawWire) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	br := bufio.NewReader(c)
	var head bytes.Buffer
	n := int64(0)
	for {
		line, err := br.ReadBytes('\n')
		head.Write(line)
		if err != nil {
			break
		}
		if s := strings.TrimRight(string(line), "\r\n"); s == "" {
			break
		} else if k, v, ok := strings.Cut(s, ":"); ok && strings.EqualFold(k, "Content-Length") {
			n, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	io.CopyN(&head, br, n)
	w.mu.Lock() // kept before the answer: the call has returned once it came
	w.reqs = append(w.reqs, head.Bytes())
	w.mu.Unlock()
	io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if rest, _ := io.ReadAll(br); len(rest) > 0 {
		w.mu.Lock()
		w.left = append(w.left, rest)
		w.mu.Unlock()
	}
}

// injected reports the lines of raw's header block that start an injected
// header or request, and those of its body too when it is multipart (a
// part's header). Other bodies are the caller's bytes, sent as they are.
func injected(raw []byte) []string {
	var bad []string
	head, body, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	scan := string(head)
	if bytes.Contains(head, []byte("multipart/")) {
		scan += "\n" + string(body)
	}
	for _, line := range strings.Split(scan, "\n") {
		l := strings.TrimLeft(line, "\r")
		if strings.HasPrefix(strings.ToLower(l), "x-injected") || strings.HasPrefix(l, "GET /smuggled") {
			bad = append(bad, line)
		}
	}
	return bad
}

// CR, LF and NUL in every Option field that reaches the wire: each call
// fails with a clear error or sends bytes that hold no extra header,
// part header or request, as the raw bytes at the listener show.
func TestInjectionNeverReachesTheWire(t *testing.T) {
	w := newRawWire(t)
	base := "http://" + w.ln.Addr().String()
	const inj = "\r\nX-Injected: 1"
	const smuggle = "\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x"
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	multi := http.Header{"Content-Type": {"multipart/form-data"}}
	textPlain := http.Header{"Content-Type": {"text/plain"}}
	crlfEncoder := encoders.EncoderFunc(func(any, string) ([]byte, string, error) {
		return []byte("x"), "application/x-evil" + inj, nil
	})
	c := client.New(client.WithBaseURL(base), client.WithEncoder("application/x-evil", crlfEncoder))
	cases := map[string]client.Option{
		"header value":            {Header: http.Header{"X-A": {"v" + inj}}},
		"header value NUL":        {Header: http.Header{"X-A": {"v\x00X-Injected: 1"}}},
		"header name":             {Header: http.Header{"X-A" + inj: {"v"}}},
		"cookie value":            {Header: http.Header{"Cookie": {"a=b" + inj}}},
		"cookie smuggle":          {Header: http.Header{"Cookie": {"a=b" + smuggle}}},
		"method":                  {Method: "GET" + inj},
		"method smuggle":          {Method: "GET /x HTTP/1.1" + smuggle},
		"url raw":                 {URL: "/x" + inj},
		"url raw query":           {URL: "/x?a=1" + inj},
		"url escaped":             {URL: "/x%0d%0aX-Injected:%201"},
		"url escaped query":       {URL: "/x?a=%0d%0aX-Injected:%201"},
		"url smuggle":             {URL: "/x HTTP/1.1" + smuggle},
		"query string data":       {Data: "a=1" + inj},
		"query bytes data":        {Data: []byte("a=1" + inj)},
		"query smuggle data":      {Data: "a=1 HTTP/1.1" + smuggle},
		"query map value":         {Data: map[string]any{"a": "1" + inj}},
		"query map key":           {Data: map[string]any{"a" + inj: "1"}},
		"query url.Values":        {Data: url.Values{"a" + inj: {"1" + inj}}},
		"form key and value":      {Method: "POST", Header: form, Data: map[string]any{"a" + inj: "1" + inj}},
		"form string":             {Method: "POST", Header: form, Data: "a=1" + smuggle},
		"text/plain body":         {Method: "POST", Header: textPlain, Data: "x" + smuggle},
		"content type":            {Method: "POST", Header: http.Header{"Content-Type": {"application/json" + inj}}, Data: map[string]any{"a": 1}},
		"content type NUL":        {Method: "POST", Header: http.Header{"Content-Type": {"application/json\x00"}}, Data: map[string]any{"a": 1}},
		"encoder's content type":  {Method: "POST", Header: http.Header{"Content-Type": {"application/x-evil"}}, Data: map[string]any{"a": 1}},
		"multipart field name":    {Method: "POST", Header: multi, Data: map[string]any{"a\"" + inj: "v"}},
		"multipart file name":     {Method: "POST", Header: multi, Data: map[string]any{"f": encoders.File{Name: "n\"" + inj, Reader: strings.NewReader("x")}}},
		"multipart file type":     {Method: "POST", Header: multi, Data: map[string]any{"f": encoders.File{Name: "n", ContentType: "text/plain" + inj, Reader: strings.NewReader("x")}}},
		"multipart boundary":      {Method: "POST", Header: http.Header{"Content-Type": {"multipart/form-data; boundary=\"b" + inj + "\""}}, Data: map[string]any{"a": "v"}},
		"backup raw":              {URL: "/down-never", Backup: []string{base + "/b" + inj}},
		"jsonp callback":          {JSONP: true, JSONPCallback: "cb" + inj},
		"store key":               {UseStore: true, StoreCheckKey: "k" + inj, StoreSign: "s" + inj},
		"header value after trim": {Header: http.Header{"X-A": {"\r\n v \r\n"}}},
	}
	// What must fail before any I/O, and with which sentinel: the rest are
	// escaped into the URL or the body, or trimmed, and sent.
	refused := map[string]error{
		"header value": client.ErrInvalidHeader, "header value NUL": client.ErrInvalidHeader,
		"header name": client.ErrInvalidHeader, "cookie value": client.ErrInvalidHeader,
		"cookie smuggle": client.ErrInvalidHeader, "content type": client.ErrInvalidHeader,
		"content type NUL": client.ErrInvalidHeader, "multipart boundary": client.ErrInvalidHeader,
		"encoder's content type": client.ErrInvalidHeader,
		"method":                 client.ErrInvalidMethod, "method smuggle": client.ErrInvalidMethod,
		"multipart field name": encoders.ErrUnencodable, "multipart file name": encoders.ErrUnencodable,
		"multipart file type": encoders.ErrUnencodable,
	}
	for name, opt := range cases {
		t.Run(name, func(t *testing.T) {
			w.mu.Lock()
			before := len(w.reqs)
			w.mu.Unlock()
			if opt.URL == "" {
				opt.URL = "/x"
			}
			opt.RetryTimes, opt.Timeout = client.NoRetry, 2*time.Second
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var resp *client.Response
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panicked: %v", p)
					}
				}()
				resp, err = c.Request(ctx, opt)
			}()
			if resp == nil {
				t.Fatal("nil Response")
			}
			var ce *client.Error
			if err != nil && !errors.As(err, &ce) {
				t.Errorf("err is %T, not *client.Error: %v", err, err)
			}
			w.mu.Lock()
			got := w.reqs[before:]
			w.mu.Unlock()
			if want := refused[name]; want != nil && (!errors.Is(err, want) || len(got) > 0) {
				t.Errorf("err = %v after %d request(s), want %v before any", err, len(got), want)
			}
			for _, raw := range got {
				if bad := injected(raw); len(bad) > 0 {
					t.Errorf("injected on the wire: %q in\n%s", bad, raw)
				}
			}
			t.Logf("%s: err=%v requests=%d", name, err, len(got))
		})
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, rest := range w.left {
		t.Errorf("a connection held bytes past its request: %q", rest)
	}
}
