package transports_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

func TestRecorderBoundsBodies(t *testing.T) {
	respBody := bytes.Repeat([]byte("0123456789"), 10)
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = w.Write(respBody)
	})
	rec, dir := newRecorder(t, srv, transports.WithBodyLimit(10))
	reqBody := strings.Repeat("abcde", 10)
	resp, err := send(t, rec, "PUT", srv.URL+"/big", strings.NewReader(reqBody), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != string(respBody) {
		t.Fatalf("caller got %d bytes, want all %d", len(got), len(respBody))
	}
	x := load(t, dir)[0]
	wantReq := transports.RecordedBody{Text: "abcdeabcde", Size: 50, SHA256: sum([]byte(reqBody)), Truncated: true}
	wantResp := transports.RecordedBody{Text: "0123456789", Size: 100, SHA256: sum(respBody), Truncated: true}
	if !reflect.DeepEqual(x.Request.Body, wantReq) {
		t.Errorf("request body = %+v, want %+v", x.Request.Body, wantReq)
	}
	if !reflect.DeepEqual(x.Response.Body, wantResp) {
		t.Errorf("response body = %+v, want %+v", x.Response.Body, wantResp)
	}
}

func TestRecorderStreamsLargeBody(t *testing.T) {
	const size = 3 << 20
	big := bytes.Repeat([]byte{0xff, 'a', 'b', 'c'}, size/4) // not UTF-8: recorded as base64
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		for off := 0; off < len(big); off += 64 << 10 {
			_, _ = w.Write(big[off : off+64<<10])
			w.(http.Flusher).Flush()
		}
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL+"/stream", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.ContentLength != -1 {
		t.Fatalf("ContentLength = %d, want a streamed (chunked) body", resp.ContentLength)
	}
	if got := readAll(t, resp); got != string(big) {
		t.Fatalf("caller got %d bytes, want %d", len(got), len(big))
	}
	b := load(t, dir)[0].Response.Body
	if b.Text != "" || !bytes.Equal(b.Base64, big[:transports.DefaultBodyLimit]) || b.Size != size ||
		b.SHA256 != sum(big) || !b.Truncated {
		t.Fatalf("recorded %d bytes (text %d), size %d, truncated %v; want the first MiB as base64 of %d, truncated",
			len(b.Base64), len(b.Text), b.Size, b.Truncated, size)
	}
}

func TestRecorderEarlyCloseIsTruncated(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, strings.Repeat("x", 100))
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatal("exchange written before the body was read or closed")
	}
	p := make([]byte, 5)
	if _, err := io.ReadFull(resp.Body, p); err != nil {
		t.Fatal(err)
	}
	if err := resp.Body.Close(); err != nil {
		t.Fatal(err)
	}
	b := load(t, dir)[0].Response.Body
	if !b.Truncated || b.Size < 5 || b.Size > 100 || b.Text != strings.Repeat("x", int(b.Size)) {
		t.Fatalf("recorded %+v, want a truncated prefix", b)
	}
}

func TestRecorderEmptyBodies(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "42")
		w.WriteHeader(http.StatusNoContent)
	})
	rec, dir := newRecorder(t, srv)
	for _, m := range []string{"HEAD", "DELETE"} {
		resp, err := send(t, rec, m, srv.URL, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := resp.Body.Close(); err != nil { // closed unread
			t.Fatal(err)
		}
	}
	empty := transports.RecordedBody{SHA256: sum(nil)}
	for _, x := range load(t, dir) {
		if !reflect.DeepEqual(x.Request.Body, empty) || !reflect.DeepEqual(x.Response.Body, empty) || x.Response.Status != 204 {
			t.Errorf("%s: recorded %d, %+v / %+v; want 204 and empty, whole bodies",
				x.Request.Method, x.Response.Status, x.Request.Body, x.Response.Body)
		}
	}
}

func TestRecorderBaseErrorNotRecorded(t *testing.T) {
	dir := t.TempDir()
	rec, err := transports.NewRecorder(transports.Error(errBoom), dir)
	if err != nil {
		t.Fatal(err)
	}
	body := &trackedBody{Reader: strings.NewReader("x")}
	if _, err := send(t, rec, "POST", api, body, nil); err != errBoom {
		t.Fatalf("err = %v, want errBoom as it is", err)
	}
	if !body.closed.Load() {
		t.Fatal("request body not closed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("failed round trip recorded: %v", entries)
	}
}

func TestRecorderWriteError(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "body") })
	rec, dir := newRecorder(t, srv)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	resp, err := send(t, rec, "GET", srv.URL, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil || string(b) != "body" {
		t.Fatalf("caller got %q, %v; want the whole body despite the failed write", b, err)
	}
	cerr := resp.Body.Close()
	if cerr == nil || !errors.Is(cerr, os.ErrNotExist) || cerr.Error() != rec.Err().Error() {
		t.Fatalf("Close = %v, Err = %v; want the write error from both", cerr, rec.Err())
	}
}

func TestRecorderConcurrent(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, r.URL.Path) })
	rec, dir := newRecorder(t, srv)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := send(t, rec, "GET", fmt.Sprintf("%s/%d", srv.URL, i), nil, nil)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}()
	}
	wg.Wait()
	xs := load(t, dir)
	if len(xs) != n {
		t.Fatalf("%d exchanges, want %d", len(xs), n)
	}
	for i, x := range xs {
		if x.Seq != int64(i+1) || x.Response.Body.Text != strings.TrimPrefix(x.Request.URL, srv.URL) {
			t.Errorf("exchange %d: seq %d, %s answered %q", i, x.Seq, x.Request.URL, x.Response.Body.Text)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			t.Errorf("left over file %s", e.Name())
		}
	}
}

func TestRecorderUpgradePassesThrough(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		_, _ = brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		_ = brw.Flush()
		line, _ := brw.ReadString('\n')
		_, _ = brw.WriteString("echo " + line)
		_ = brw.Flush()
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL+"/ws", nil, http.Header{"Connection": {"Upgrade"}, "Upgrade": {"echo"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rw, ok := resp.Body.(io.ReadWriter)
	if resp.StatusCode != 101 || !ok {
		t.Fatalf("status %d, body %T: want 101 and the upgraded connection", resp.StatusCode, resp.Body)
	}
	if _, err := io.WriteString(rw, "hi\n"); err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(rw); string(got) != "echo hi\n" {
		t.Fatalf("got %q through the upgraded connection", got)
	}
	xs := load(t, dir)
	if len(xs) != 1 || xs[0].Response.Status != 101 || xs[0].Response.Header.Get("Upgrade") != "echo" {
		t.Fatalf("recorded %+v", xs)
	}
}

// A base transport that answers neither a response nor an error breaks the
// http.RoundTripper contract: the Recorder says so in an error, as net/http's
// client does, instead of panicking on the nil response, and records nothing.
func TestRecorderBaseWithoutResponseOrError(t *testing.T) {
	base := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, nil })
	dir := t.TempDir()
	rec, err := transports.NewRecorder(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := send(t, rec, "GET", "http://h.test/x?token=tok-SECRET", nil, nil)
	if resp != nil || err == nil || !strings.Contains(err.Error(), "nil *http.Response") {
		t.Fatalf("got %v, %v; want an error naming the broken contract", resp, err)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("the error holds the token: %v", err)
	}
	if xs := load(t, dir); len(xs) != 0 {
		t.Errorf("%d exchanges recorded, want none", len(xs))
	}
}

// TestRecorderZeroBodyLimit: WithBodyLimit(0) records no bytes of a body; a
// text body keeps its size and hash, a form or JSON one (which may hold a
// secret the Recorder cannot redact without its bytes) is withheld: its
// size only, no hash.
func TestRecorderZeroBodyLimit(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "plain answer")
	})
	for _, n := range []int64{0, -1} {
		rec, dir := newRecorder(t, srv, transports.WithBodyLimit(n))
		resp, err := send(t, rec, "POST", srv.URL+"/x", strings.NewReader(`{"password":"hunter2"}`),
			http.Header{"Content-Type": {"application/json"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := readAll(t, resp); got != "plain answer" {
			t.Fatalf("caller got %q", got)
		}
		x := load(t, dir)[0]
		if b := x.Response.Body; len(b.Bytes()) != 0 || b.Size != 12 || b.SHA256 == "" || !b.Truncated {
			t.Errorf("WithBodyLimit(%d): text response body recorded as %+v, want its size and hash only", n, b)
		}
		if b := x.Request.Body; len(b.Bytes()) != 0 || b.SHA256 != "" || !b.Withheld {
			t.Errorf("WithBodyLimit(%d): JSON request body recorded as %+v, want it withheld", n, b)
		}
	}
}
