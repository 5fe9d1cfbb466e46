package transports_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// record sends each request through a Recorder in front of srv, reads each
// response whole, and returns the cassette directory.
func record(t *testing.T, h http.HandlerFunc, reqs func(rt http.RoundTripper, base string)) string {
	t.Helper()
	srv := server(t, h)
	rec, dir := newRecorder(t, srv)
	reqs(rec, srv.URL)
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	srv.Close() // replay must not need it
	return dir
}

func newReplayer(t *testing.T, dir string) *transports.Replayer {
	t.Helper()
	p, err := transports.NewReplayer(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReplayerAnswersAsRecorded(t *testing.T) {
	var n atomic.Int64
	var base string
	dir := record(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, "call %d", n.Add(1))
	}, func(rt http.RoundTripper, b string) {
		base = b
		for range 2 {
			resp, err := send(t, rt, "GET", b+"/poll?token=SECRET-1", nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
		}
	})

	p := newReplayer(t, dir)
	for i, want := range []string{"call 1", "call 2", "call 2"} { // in order, the last repeating
		// Another token matches too: the recorded URL holds REDACTED.
		req, _ := http.NewRequest("GET", base+"/poll?token=OTHER", nil)
		resp, err := p.RoundTrip(req)
		if err != nil {
			t.Fatalf("replay %d: %v", i, err)
		}
		if resp.StatusCode != 202 || resp.Status != "202 Accepted" || resp.Proto != "HTTP/1.1" ||
			resp.Request != req || resp.ContentLength != int64(len(want)) {
			t.Errorf("replay %d: %q %s len %d", i, resp.Status, resp.Proto, resp.ContentLength)
		}
		if resp.Header.Get("Content-Type") != "text/plain" ||
			!reflect.DeepEqual(resp.Header["X-Multi"], []string{"a", "b"}) {
			t.Errorf("replay %d: header %v", i, resp.Header)
		}
		if got := readAll(t, resp); got != want {
			t.Errorf("replay %d = %q, want %q", i, got, want)
		}
	}
}

func TestReplayerMatchesBody(t *testing.T) {
	var base string
	dir := record(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_, _ = io.WriteString(w, "echo "+string(b))
	}, func(rt http.RoundTripper, b string) {
		base = b
		for _, body := range []string{"a", "b"} {
			resp, err := send(t, rt, "POST", b+"/echo", strings.NewReader(body), nil)
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
		}
	})
	p := newReplayer(t, dir)

	body := &trackedBody{Reader: strings.NewReader("b")}
	resp, err := send(t, p, "POST", base+"/echo", body, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != "echo b" {
		t.Fatalf("got %q, want echo b", got)
	}
	if !body.closed.Load() {
		t.Fatal("request body not closed")
	}

	for _, tc := range []struct{ method, url, body string }{
		{"POST", base + "/echo", "c"},
		{"PUT", base + "/echo", "a"},
		{"POST", base + "/echo?x=1", "a"},
		{"POST", base + "/other", "a"},
	} {
		_, err := send(t, p, tc.method, tc.url, strings.NewReader(tc.body), nil)
		if !errors.Is(err, transports.ErrNotRecorded) {
			t.Fatalf("%s %s %q: err = %v, want ErrNotRecorded", tc.method, tc.url, tc.body, err)
		}
		if want := "transports: " + tc.method + " " + tc.url + " (body sha256 "; !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("error %q does not name the request (%q)", err, want)
		}
	}
}

func TestReplayerMissIsRedacted(t *testing.T) {
	p := newReplayer(t, t.TempDir()) // an empty cassette
	_, err := send(t, p, "GET", api+"&api_key=SECRET", nil, nil)
	if !errors.Is(err, transports.ErrNotRecorded) {
		t.Fatalf("err = %v, want ErrNotRecorded", err)
	}
	want := "transports: GET " + api + "&api_key=REDACTED (body sha256 e3b0c44298fc): no recorded exchange for request"
	if err.Error() != want {
		t.Fatalf("error =\n%s\nwant\n%s", err, want)
	}
}

func TestReplayerDoneContext(t *testing.T) {
	dir := t.TempDir()
	x := `{"seq":1,"request":{"method":"GET","url":"https://api.example.com/","body":{"size":0,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}},` +
		`"response":{"status":200,"body":{"text":"one","size":3,"sha256":""}}}`
	y := strings.Replace(strings.Replace(x, `"seq":1`, `"seq":2`, 1), `"one","size":3`, `"two","size":3`, 1)
	for name, data := range map[string]string{"a.json": x, "b.json": y, ".tmp.json": "garbage", "notes.txt": "ignored"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := newReplayer(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://API.example.com", nil)
	if resp, err := p.RoundTrip(req); resp != nil || err != context.Canceled {
		t.Fatalf("got %v, %v; want context.Canceled", resp, err)
	}
	resp, err := send(t, p, "GET", "https://API.example.com", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != "one" {
		t.Fatalf("got %q, want the first exchange: a cancelled request takes none", got)
	}
}

func TestReplayerRejectsBadFiles(t *testing.T) {
	for name, data := range map[string]string{
		"bad.json":    "{not json",
		"empty.json":  "{}",
		"status.json": `{"request":{"method":"GET","url":"https://a/"},"response":{"status":7}}`,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := transports.NewReplayer(dir)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}

// A replayed answer's Content-Length is its body's: a recorded body that
// was redacted (a token in JSON) is shorter than the server's.
func TestReplayerContentLengthIsTheBodys(t *testing.T) {
	var base string
	dir := record(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"eyJhbGciOiJIUzI1NiJ9.a-long-secret-value","ok":true}`)
	}, func(rt http.RoundTripper, b string) {
		base = b
		resp, err := send(t, rt, "GET", b+"/login", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
	})
	req, _ := http.NewRequest("GET", base+"/login", nil)
	resp, err := newReplayer(t, dir).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if strings.Contains(body, "a-long-secret") || resp.Header.Get("Content-Length") != fmt.Sprint(len(body)) ||
		resp.ContentLength != int64(len(body)) {
		t.Fatalf("body %q (%d bytes), Content-Length header %q, field %d", body, len(body),
			resp.Header.Get("Content-Length"), resp.ContentLength)
	}
}

// A fake's Content-Length is the body's only where there is one: a 304, a
// 205, a 204 and a HEAD keep the one given, as net/http's client shows a
// server's.
func TestFakeKeepsContentLengthWithoutABody(t *testing.T) {
	for _, tc := range []struct {
		method string
		status int
		want   string
	}{{"GET", 304, "1234"}, {"GET", 205, "1234"}, {"GET", 204, "1234"}, {"HEAD", 200, "1234"}, {"GET", 200, "2"}} {
		s := transports.NewScripted()
		s.On(transports.Any, transports.Any).Then(transports.Step{Status: tc.status, Header: http.Header{"Content-Length": {"1234"}}, Body: []byte("ok")})
		req, _ := http.NewRequest(tc.method, "http://h.test/", nil)
		resp, err := s.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Length"); got != tc.want {
			t.Errorf("%s %d: Content-Length %q, want %q", tc.method, tc.status, got, tc.want)
		}
	}
}
