package bench

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"time"
)

// Server starts the loopback server every row talks to and returns its
// workloads; the caller closes it.
func Server() (*httptest.Server, []workload) {
	small, _ := json.Marshal(payload{ID: 7, Name: "Ann", OK: true})
	big := payload{ID: 1, Name: "list"}
	for i := 0; len(mustJSON(big)) < 64<<10; i++ {
		big.Items = append(big.Items, payload{ID: i, Name: "item with some text", OK: i%2 == 0})
	}
	large := mustJSON(big)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil { // nil when called in process by stub
			_, _ = io.Copy(io.Discard, r.Body)
		}
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/large" {
			_, _ = w.Write(large)
			return
		}
		_, _ = w.Write(small)
	}))
	return srv, []workload{
		{name: "get_small", method: "GET", url: srv.URL + "/small"},
		{name: "get_64k", method: "GET", url: srv.URL + "/large"},
		{name: "post_json", method: "POST", url: srv.URL + "/post", body: small},
	}
}

// stub answers through the server's handler in process: the same headers
// and bytes, no sockets. Like net/http's server, it adds Date, and
// Content-Length when the whole body is under the 2 KiB the server buffers
// before it turns to chunking: a client reads a small answer of known
// length, as it does on loopback.
func stub(h http.Handler) http.RoundTripper {
	return rtFunc(func(r *http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		resp := rec.Result()
		resp.Request = r
		// One backing array for the values, as net/http's header parser does.
		vals := make([]string, 0, 2)
		if _, ok := resp.Header["Date"]; !ok {
			vals = append(vals, httpDate())
			resp.Header["Date"] = vals[0:1:1]
		}
		if n := rec.Body.Len(); resp.ContentLength < 0 && !rec.Flushed && n < serverBuffer {
			resp.ContentLength = int64(n)
			vals = append(vals, strconv.Itoa(n))
			resp.Header["Content-Length"] = vals[len(vals)-1 : len(vals) : len(vals)]
		}
		return resp, nil
	})
}

// serverBuffer is net/http's bufferBeforeChunkingSize.
const serverBuffer = 2048

// httpDate is the Date header's value, formatted once per second as
// net/http's server does in effect (it appends to a buffer it reuses).
func httpDate() string {
	now := time.Now().Unix()
	if d := lastDate.Load(); d != nil && d.unix == now {
		return d.text
	}
	d := &date{unix: now, text: time.Unix(now, 0).UTC().Format(http.TimeFormat)}
	lastDate.Store(d)
	return d.text
}

type date struct {
	unix int64
	text string
}

var lastDate atomic.Pointer[date]

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// transport is a fresh pool per row, large enough for 64 goroutines (the
// default of 2 idle connections per host would measure connection setup).
func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 256
	return t
}
