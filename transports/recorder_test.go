package transports_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
	rec, dir := newRecorder(t, srv, transports.WithRedactedHeaders("x-session", "X-Workspace"))

	rawURL := strings.Replace(srv.URL, "http://", "http://bob:SECRET-PW@", 1) +
		"/p?access_token=SECRET-TOK&page=2&apiKey=SECRET-KEY&Signature=SECRET-SIG&user=bob&PASSWORD=SECRET-PASS&client_secret=SECRET-CS&x-auth=SECRET-AUTH&flag"
	header := http.Header{
		"Authorization":       {"Bearer SECRET-BEARER"},
		"Cookie":              {"a=SECRET-COOKIE"},
		"Proxy-Authorization": {"Basic SECRET-PROXY"},
		"X-Workspace":         {"SECRET-TENANT"},
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
	if got.Get("Authorization") != "Bearer SECRET-BEARER" || got.Get("X-Workspace") != "SECRET-TENANT" ||
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
	wantURL := strings.Replace(srv.URL, "http://", "http://", 1) +
		"/p?access_token=REDACTED&page=2&apiKey=REDACTED&Signature=REDACTED&user=bob&PASSWORD=REDACTED&client_secret=REDACTED&x-auth=REDACTED&flag"
	if x.Request.URL != wantURL {
		t.Errorf("URL =\n%s\nwant\n%s", x.Request.URL, wantURL)
	}
	wantHeader := http.Header{
		"Authorization":       {"REDACTED"},
		"Cookie":              {"REDACTED"},
		"Proxy-Authorization": {"REDACTED"},
		"X-Workspace":         {"REDACTED"},
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
