package main

import (
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each test here checks one httpie convention: the bytes that reach a
// loopback server, or the exit code.

func TestQueryItem(t *testing.T) {
	srv := newRecorder(t, nil)
	cli(t, srv.URL+"/q", "a==1", "b==x y&z", "name=Ann").wantCode(t, exitOK)
	g := srv.only(t)
	// a==1 is a query parameter even on a POST; name=Ann the JSON body.
	if g.method != "POST" || g.rawQuery != "a=1&b=x%20y%26z" || g.body != `{"name":"Ann"}` {
		t.Errorf("server got %s ?%s %q", g.method, g.rawQuery, g.body)
	}
}

func TestStdinBody(t *testing.T) {
	srv := newRecorder(t, nil)
	const body = `{"order":7,"lines":[1,2]}`
	cliIn(t, strings.NewReader(body), srv.URL+"/orders").wantCode(t, exitOK)
	g := srv.only(t)
	if g.method != "POST" || g.body != body || g.header.Get("Content-Length") != "25" {
		t.Errorf("server got %s %q (Content-Length %q)", g.method, g.body, g.header.Get("Content-Length"))
	}
	// Mixed with data items: a usage error, nothing sent.
	cliIn(t, strings.NewReader(body), srv.URL+"/orders", "a=1").wantCode(t, exitUsage)
	// --ignore-stdin: a GET with no body.
	cliIn(t, strings.NewReader(body), "--ignore-stdin", srv.URL+"/orders").wantCode(t, exitOK)
	if reqs := srv.received(t); len(reqs) != 2 || reqs[1].method != "GET" || reqs[1].body != "" {
		t.Errorf("after the usage error and --ignore-stdin: %+v", reqs)
	}
}

func TestFileItems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	note := write("note.txt", "line one\nline two")
	tags := write("tags.json", `["a", "b"]`)
	raw := write("doc.xml", "<doc>1</doc>")
	srv := newRecorder(t, nil)
	cli(t, srv.URL+"/f", "note=@"+note, "tags:=@"+tags).wantCode(t, exitOK)
	if g := srv.only(t); g.body != `{"note":"line one\nline two","tags":["a","b"]}` {
		t.Errorf("file fields: %q", g.body)
	}
	cli(t, "PUT", srv.URL+"/raw", "@"+raw).wantCode(t, exitOK)
	g := srv.received(t)[1]
	if g.method != "PUT" || g.body != "<doc>1</doc>" || !strings.HasPrefix(g.header.Get("Content-Type"), "text/xml") &&
		!strings.HasPrefix(g.header.Get("Content-Type"), "application/xml") {
		t.Errorf("raw body: %s %q %q", g.method, g.body, g.header.Get("Content-Type"))
	}
	r := cli(t, srv.URL, "a=@"+filepath.Join(dir, "missing"))
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "missing") {
		t.Errorf("missing file: %q", r.stderr)
	}
	if n := len(srv.received(t)); n != 2 {
		t.Errorf("server got %d requests, want 2", n)
	}
}

func TestAuth(t *testing.T) {
	srv := newRecorder(t, nil)
	cli(t, "-a", "ann:s3cr:et", srv.URL).wantCode(t, exitOK)
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("ann:s3cr:et"))
	if got := srv.received(t)[0].header.Get("Authorization"); got != want {
		t.Errorf("basic: %q, want %q", got, want)
	}
	cli(t, "-A", "bearer", "-a", "tok123", srv.URL).wantCode(t, exitOK)
	if got := srv.received(t)[1].header.Get("Authorization"); got != "Bearer tok123" {
		t.Errorf("bearer: %q", got)
	}
	cli(t, "-a", "ann", srv.URL).wantCode(t, exitUsage) // no password, no prompt
}

func TestEmptyHeaderItem(t *testing.T) {
	srv := newRecorder(t, nil)
	cli(t, srv.URL, "X-Empty;", "X-Full:1").wantCode(t, exitOK)
	g := srv.only(t)
	if v, ok := g.header["X-Empty"]; !ok || len(v) != 1 || v[0] != "" || g.header.Get("X-Full") != "1" {
		t.Errorf("headers %v", g.header)
	}
}

func TestPrint(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Answer", "42")
		w.Write([]byte("hello"))
	})
	r := cli(t, "--print", "HBhb", srv.URL+"/p", "name=Ann")
	r.wantCode(t, exitOK)
	for _, want := range []string{
		"POST " + srv.URL + "/p HTTP/1.1\n", "Content-Type: application/json\n",
		`{"name":"Ann"}`, "HTTP/1.1 200 OK\n", "X-Answer: 42\n", "\nhello",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--print HBhb lacks %q:\n%s", want, r.stdout)
		}
	}
	if r = cli(t, "-p", "h", srv.URL); !strings.HasPrefix(r.stdout, "HTTP/1.1 200 OK\n") || strings.Contains(r.stdout, "hello") {
		t.Errorf("-p h: %q", r.stdout)
	}
	if r = cli(t, srv.URL); r.stdout != "hello" {
		t.Errorf("piped default: %q", r.stdout)
	}
	cli(t, "-p", "x", srv.URL).wantCode(t, exitUsage)
}

func TestVerboseShowsTheRequestBody(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, "-v", srv.URL, "name=Ann")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stderr, "> POST "+srv.URL+"\n") || !strings.Contains(r.stderr, "> {\"name\":\"Ann\"}\n") {
		t.Errorf("verbose: %s", r.stderr)
	}
}

func TestBadPortIsAUsageError(t *testing.T) {
	for _, u := range []string{":99999", "http://127.0.0.1:0/", "localhost:70000/x"} {
		r := cli(t, u)
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "port") {
			t.Errorf("%s: %q", u, r.stderr)
		}
	}
}

func TestCheckStatusCodes(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/304":
			w.WriteHeader(http.StatusNotModified)
		case "/404":
			w.WriteHeader(http.StatusNotFound)
		case "/503":
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	for path, code := range map[string]int{"/304": exitStatus3xx, "/404": exitStatus4xx, "/503": exitStatus5xx, "/ok": exitOK} {
		cli(t, "--check-status", "--retry-times", "0", srv.URL+path).wantCode(t, code)
	}
	cli(t, "--retry-times", "0", srv.URL+"/503").wantCode(t, exitOK) // without --check-status: a warning
}

func TestTooManyRedirects(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/again", http.StatusFound)
	})
	cli(t, srv.URL).wantCode(t, exitRedirects)
}

// README (Command line): a body piped on stdin is sent as it is, with POST
// unless another method is named; GET and HEAD send no body: a usage error,
// nothing sent.
func TestReadmeStdinBodyMethods(t *testing.T) {
	srv := newRecorder(t, nil)
	const body = "raw <body> 1"
	for _, m := range []string{"GET", "HEAD", "get"} {
		r := cliIn(t, strings.NewReader(body), m, srv.URL+"/x")
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "sends no body") {
			t.Errorf("%s with a stdin body: %q", m, r.stderr)
		}
	}
	cliIn(t, strings.NewReader(body), "PUT", srv.URL+"/x").wantCode(t, exitOK)
	reqs := srv.received(t)
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want only the PUT: %+v", len(reqs), reqs)
	}
	if g := reqs[0]; g.method != "PUT" || g.body != body {
		t.Errorf("server got %s %q, want PUT %q", g.method, g.body, body)
	}
}
