package transports_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/transports"
)

// server starts a loopback test server, closed (with its client's idle
// connections) when the test ends.
func server(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// send sends a request through rt, bounded in time.
func send(t *testing.T, rt http.RoundTripper, method, rawURL string, body io.Reader, header http.Header) (*http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, method, rawURL, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	return rt.RoundTrip(req)
}

func newRecorder(t *testing.T, srv *httptest.Server, opts ...transports.RecordOption) (*transports.Recorder, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "cassette")
	rec, err := transports.NewRecorder(srv.Client().Transport, dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return rec, dir
}

func load(t *testing.T, dir string) []transports.Exchange {
	t.Helper()
	xs, err := transports.LoadExchanges(dir)
	if err != nil {
		t.Fatal(err)
	}
	return xs
}

func sum(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func TestRecorderRecordsExchange(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", r.Header.Get("X-In"))
		w.WriteHeader(201)
		fmt.Fprintf(w, `{"got":%q}`, b)
	})
	rec, dir := newRecorder(t, srv)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/items?page=2#top", strings.NewReader("hello"))
	req.Header.Set("X-In", "v1")
	req.Header.Set("Content-Type", "text/plain")
	resp, err := rec.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Request != req {
		t.Error("resp.Request is not the caller's request")
	}
	if got := readAll(t, resp); got != `{"got":"hello"}` || resp.StatusCode != 201 {
		t.Fatalf("caller got %d %q", resp.StatusCode, got)
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}

	xs := load(t, dir)
	if len(xs) != 1 {
		t.Fatalf("%d exchanges, want 1", len(xs))
	}
	x := xs[0]
	want := transports.Exchange{
		Seq: 1,
		Request: transports.ExchangeRequest{
			Method: "POST",
			URL:    srv.URL + "/items?page=2",
			Header: http.Header{"X-In": {"v1"}, "Content-Type": {"text/plain"}},
			Body:   transports.RecordedBody{Text: "hello", Size: 5, SHA256: sum([]byte("hello"))},
		},
		Response: transports.ExchangeResponse{
			Status: 201,
			Header: http.Header{
				"Content-Type":   {"application/json"},
				"X-Echo":         {"v1"},
				"Content-Length": {"15"},
				"Date":           x.Response.Header["Date"],
			},
			Body: transports.RecordedBody{Text: `{"got":"hello"}`, Size: 15, SHA256: sum([]byte(`{"got":"hello"}`))},
		},
	}
	if !reflect.DeepEqual(x, want) {
		t.Fatalf("exchange =\n%+v\nwant\n%+v", x, want)
	}

	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "000001-POST-") ||
		!strings.HasSuffix(entries[0].Name(), ".json") {
		t.Fatalf("directory holds %v, want one 000001-POST-*.json", entries)
	}
	if info, _ := entries[0].Info(); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("file mode %v is readable by others", info.Mode())
	}
}

func TestRecorderRedacts(t *testing.T) {
	var got http.Header
	var gotQuery string
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		got, gotQuery = r.Header.Clone(), r.URL.RawQuery
		w.Header().Add("Set-Cookie", "sid=SECRET-SID; HttpOnly")
		w.Header().Set("X-Session", "SECRET-SESSION")
		w.Header().Set("X-Plain", "visible")
		_, _ = io.WriteString(w, "ok")
	})
	rec, dir := newRecorder(t, srv, transports.RedactHeaders("x-session", "X-Tenant"))

	rawURL := strings.Replace(srv.URL, "http://", "http://bob:SECRET-PW@", 1) +
		"/p?access_token=SECRET-TOK&page=2&apiKey=SECRET-KEY&Signature=SECRET-SIG&user=bob&PASSWORD=SECRET-PASS&client_secret=SECRET-CS&x-auth=SECRET-AUTH&flag"
	header := http.Header{
		"Authorization":       {"Bearer SECRET-BEARER"},
		"Cookie":              {"a=SECRET-COOKIE"},
		"Proxy-Authorization": {"Basic SECRET-PROXY"},
		"X-Tenant":            {"SECRET-TENANT"},
		"X-Api-Key":           {"SECRET-APIKEY"},
		"Accept":              {"text/plain"},
	}
	req, _ := http.NewRequest("GET", rawURL, nil)
	req.Header = header.Clone()
	before := req.URL.String()
	resp, err := rec.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)

	if req.URL.String() != before || !reflect.DeepEqual(req.Header, header) {
		t.Fatal("the caller's request was changed")
	}
	if got.Get("Authorization") != "Bearer SECRET-BEARER" || got.Get("X-Tenant") != "SECRET-TENANT" ||
		!strings.Contains(gotQuery, "access_token=SECRET-TOK") {
		t.Fatal("the server did not get the real credentials")
	}
	if resp.Header.Get("X-Session") != "SECRET-SESSION" {
		t.Fatal("the caller did not get the real response header")
	}

	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("%d files", len(entries))
	}
	raw, err := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("SECRET")) {
		t.Fatalf("recorded file holds a credential:\n%s", raw)
	}

	x := load(t, dir)[0]
	wantURL := strings.Replace(srv.URL, "http://", "http://bob:REDACTED@", 1) +
		"/p?access_token=REDACTED&page=2&apiKey=REDACTED&Signature=REDACTED&user=bob&PASSWORD=REDACTED&client_secret=REDACTED&x-auth=REDACTED&flag"
	if x.Request.URL != wantURL {
		t.Errorf("URL =\n%s\nwant\n%s", x.Request.URL, wantURL)
	}
	wantHeader := http.Header{
		"Authorization":       {"REDACTED"},
		"Cookie":              {"REDACTED"},
		"Proxy-Authorization": {"REDACTED"},
		"X-Tenant":            {"REDACTED"},
		"X-Api-Key":           {"REDACTED"},
		"Accept":              {"text/plain"},
	}
	if !reflect.DeepEqual(x.Request.Header, wantHeader) {
		t.Errorf("request header = %v, want %v", x.Request.Header, wantHeader)
	}
	for k, want := range map[string]string{"Set-Cookie": "REDACTED", "X-Session": "REDACTED", "X-Plain": "visible"} {
		if v := x.Response.Header[k]; len(v) != 1 || v[0] != want {
			t.Errorf("response %s = %v, want [%s]", k, v, want)
		}
	}
}

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
