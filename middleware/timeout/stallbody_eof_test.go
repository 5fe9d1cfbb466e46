package timeout_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/timeout"
)

// dataWithEOF is a one-shot body whose one Read gives all its bytes and
// io.EOF together (allowed by io.Reader), then io.EOF again.
type dataWithEOF struct{ b []byte }

func (r *dataWithEOF) Read(p []byte) (int, error) {
	n := copy(p, r.b)
	r.b = r.b[n:]
	if len(r.b) == 0 {
		return n, io.EOF
	}
	return n, nil
}

func (r *dataWithEOF) Close() error { return nil }

// A one-shot body of announced length whose reader gives its last bytes
// with io.EOF is sent whole at once: net/http reads such a body once more
// after its ContentLength bytes (to find extra bytes), and that Read must
// say io.EOF again, not wait for the attempt's end (the write loop held
// until then, the connection was not reused).
func TestOneShotBodyWithDataAndEOFTogetherIsSentAtOnce(t *testing.T) {
	got := make(chan string, 4)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- string(b)
	}))
	var conns atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(2*time.Second))}
	defer hc.CloseIdleConnections()
	for _, size := range []int{5, 100 << 10} { // one Read, several
		body := make([]byte, size)
		for i := range body {
			body[i] = 'a' + byte(i%26)
		}
		req, _ := http.NewRequest(http.MethodPost, srv.URL, nil)
		req.Body = &dataWithEOF{b: append([]byte(nil), body...)}
		req.ContentLength = int64(size)
		start := time.Now()
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("size %d: err = %v after %v", size, err, time.Since(start))
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if el := time.Since(start); el > time.Second {
			t.Fatalf("size %d: answered after %v", size, el)
		}
		if s := <-got; s != string(body) {
			t.Fatalf("size %d: server got %d bytes, want %d", size, len(s), size)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("%d connections for 2 calls: the write of the body did not end with it", n)
	}
}
