package main

import (
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// got is what a test server received.
type got struct {
	method, path, rawQuery string
	header                 http.Header
	body                   string
}

// recorder is a loopback server that records every request and answers
// with answer (or a fixed JSON document).
type recorder struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []got
	answer http.HandlerFunc
}

const answerJSON = `{"b":[1,2.50,{"c":null}],"a":"x<y"}`

const answerPretty = `{
  "b": [
    1,
    2.50,
    {
      "c": null
    }
  ],
  "a": "x<y"
}
`

func newRecorder(t *testing.T, answer http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{answer: answer}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.reqs = append(r.reqs, got{req.Method, req.URL.Path, req.URL.RawQuery, req.Header.Clone(), string(body)})
		r.mu.Unlock()
		if r.answer != nil {
			r.answer(w, req)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answerJSON)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) received(t *testing.T) []got {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]got(nil), r.reqs...)
}

func (r *recorder) only(t *testing.T) got {
	t.Helper()
	reqs := r.received(t)
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want 1: %+v", len(reqs), reqs)
	}
	return reqs[0]
}

func TestGetWithQueryItemsAndHeaders(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, "GET", srv.URL+"/get", "q=go & taro", "n:=5", "flag:=true", "X-Token:abc", "X-Multi:1", "X-Multi:2")
	r.wantCode(t, exitOK)
	if r.stdout != answerPretty {
		t.Errorf("stdout:\n%q\nwant\n%q", r.stdout, answerPretty)
	}
	if strings.Contains(r.stdout, "\x1b[") || strings.Contains(r.stderr, "\x1b[") {
		t.Error("piped output has ANSI escapes")
	}
	g := srv.only(t)
	if g.method != "GET" || g.path != "/get" || g.rawQuery != "flag=true&n=5&q=go%20%26%20taro" || g.body != "" {
		t.Errorf("server got %+v", g)
	}
	if g.header.Get("X-Token") != "abc" || strings.Join(g.header["X-Multi"], ",") != "1,2" {
		t.Errorf("headers: %v", g.header)
	}
}

func TestPostJSONTypedItems(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, srv.URL+"/post", "name=Ann", "age:=30", "admin:=true", `tags:=["a", "b"]`, "score:=1.50",
		`meta:={"z":1,"a":null}`, "nothing:=null", "--pretty", "none")
	r.wantCode(t, exitOK)
	if r.stdout != answerJSON {
		t.Errorf("--pretty none: stdout %q, want the body as received", r.stdout)
	}
	g := srv.only(t)
	want := `{"admin":true,"age":30,"meta":{"z":1,"a":null},"name":"Ann","nothing":null,"score":1.50,"tags":["a","b"]}`
	if g.method != "POST" || g.body != want {
		t.Errorf("server got %s %q, want POST %q", g.method, g.body, want)
	}
	if ct := g.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}

func TestForm(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, "--form", "PUT", srv.URL+"/form", "a=1", "b=x y&z", "n:=7")
	r.wantCode(t, exitOK)
	g := srv.only(t)
	if g.method != "PUT" || g.header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Fatalf("server got %s with Content-Type %q", g.method, g.header.Get("Content-Type"))
	}
	vals, err := url.ParseQuery(g.body)
	if err != nil || vals.Get("a") != "1" || vals.Get("b") != "x y&z" || vals.Get("n") != "7" || len(vals) != 3 {
		t.Errorf("form body %q: %v %v", g.body, vals, err)
	}
}

func TestPrettyAllColours(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, srv.URL, "--pretty", "all")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, colKey+`"b"`+colReset) {
		t.Errorf("--pretty all: no colour in %q", r.stdout)
	}
}

func TestNonJSONBodyAsIs(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "hello\nworld")
	})
	r := cli(t, srv.URL)
	r.wantCode(t, exitOK)
	if r.stdout != "hello\nworld" {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	defer close(release) // before srv.Close (cleanup) waits for the handler
	r := cli(t, srv.URL+"/hang", "--timeout", "100ms", "--retry-times", "-1")
	r.wantCode(t, exitTimeout)
	if !strings.Contains(r.stderr, "timeout") || r.stdout != "" {
		t.Errorf("stderr %q, stdout %q", r.stderr, r.stdout)
	}
	if r.took > 10*time.Second {
		t.Errorf("took %v", r.took)
	}
}

// closedURL is a loopback URL nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + ln.Addr().String()
	ln.Close()
	return u
}

func TestTransportFailure(t *testing.T) {
	r := cli(t, closedURL(t)+"/x", "--retry-times", "0")
	r.wantCode(t, exitTransport)
	if !strings.Contains(r.stderr, "connection refused") || r.stdout != "" {
		t.Errorf("stderr %q", r.stderr)
	}
}

func TestBackupAnswersVerbose(t *testing.T) {
	srv := newRecorder(t, nil)
	dead := closedURL(t)
	r := cli(t, "-v", dead+"/items", "--backup", srv.URL+"/items", "--retry-times", "1", "X-Trace-Me:yes")
	r.wantCode(t, exitOK)
	if r.stdout != answerPretty {
		t.Errorf("stdout %q", r.stdout)
	}
	for _, want := range []string{
		"* attempt 1\n> GET " + dead + "/items\n> X-Trace-Me: yes\n! ",
		"* attempt 3\n> GET " + srv.URL + "/items\n",
		"< 200 OK (", "< Content-Type: application/json\n",
		"* event retry " + dead + "/items: ",
		"* event failover " + dead + "/items: ",
		"* answered by " + srv.URL + "/items after 3 attempt(s)\n",
		"* request:ok\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("verbose lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestRetryTrace(t *testing.T) {
	var n atomic.Int64
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, `{}`)
	})
	r := cli(t, srv.URL+"/flaky", "--trace")
	r.wantCode(t, exitOK)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "trace: #1 GET "+srv.URL+"/flaky -> 503 Service Unavailable (") ||
		!strings.HasPrefix(lines[1], "trace: #2 GET "+srv.URL+"/flaky -> 200 OK (") {
		t.Errorf("trace:\n%s", r.stderr)
	}
	if r.stdout != "{}\n" {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestCheckStatus(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no such thing", http.StatusNotFound)
	})
	r := cli(t, srv.URL+"/missing", "--check-status")
	r.wantCode(t, exitStatus4xx)
	if !strings.Contains(r.stderr, "HTTP 404 Not Found") || r.stdout != "no such thing\n" {
		t.Errorf("stderr %q stdout %q", r.stderr, r.stdout)
	}
	r = cli(t, srv.URL+"/missing")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stderr, "warning: HTTP 404") {
		t.Errorf("no warning: %q", r.stderr)
	}
}

func TestDataCheckRejected(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"code":1}`)
	})
	r := cli(t, srv.URL, "--data-check", "code=0")
	r.wantCode(t, exitDataCheck)
	if n := len(srv.received(t)); n != 1 {
		t.Errorf("a rejected response was retried: %d requests", n)
	}
	cli(t, srv.URL, "--data-check", "code=1").wantCode(t, exitOK)
}

func TestBreakerOpen(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	r := cli(t, srv.URL+"/down", "--retry-times", "5", "--breaker-threshold", "2", "-v")
	r.wantCode(t, exitBreaker)
	if n := len(srv.received(t)); n != 2 {
		t.Errorf("server got %d requests, want 2 before the circuit opened", n)
	}
	if !strings.Contains(r.stderr, "circuit open") {
		t.Errorf("stderr %q", r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--unknown-flag", "http://127.0.0.1:1/"},
		{"ftp://example.com/"},
		{"http://"},
		{"http://127.0.0.1:1/", "a:={bad json"},
		{"http://127.0.0.1:1/", "word"},
		{"FETCH", "http://127.0.0.1:1/"},
	} {
		r := cli(t, args...)
		r.wantCode(t, exitUsage)
		// One line and a hint, not the whole help.
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[0], "taroreq: error: ") || lines[1] != usageHint || r.stdout != "" {
			t.Errorf("%q: stderr %q stdout %q", args, r.stderr, r.stdout)
		}
		if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
			t.Errorf("%q panicked: %s", args, r.stderr)
		}
	}
	r := cli(t, "http://127.0.0.1:1/", "a:={bad json")
	// The value is left out: JSON that does not parse cannot be redacted.
	if !strings.Contains(r.stderr, `item "a:=…": the value after := is not JSON`) {
		t.Errorf("bad JSON message: %q", r.stderr)
	}
	// Refused by the client, not the parser: JSONP needs GET.
	r = cli(t, "--jsonp", "POST", "http://127.0.0.1:1/")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "JSONP needs method GET") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = cli(t, "--help")
	r.wantCode(t, exitOK)
	if !strings.HasPrefix(r.stdout, "taroreq - ") || r.stderr != "" {
		t.Errorf("--help: stdout %q stderr %q", r.stdout, r.stderr)
	}
}

func TestHead(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Answer", "42")
	})
	r := cli(t, "HEAD", srv.URL)
	r.wantCode(t, exitOK)
	if !strings.HasPrefix(r.stdout, "HTTP/1.1 200 OK\n") || !strings.Contains(r.stdout, "X-Answer: 42\n") {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestDemo(t *testing.T) {
	r := cli(t, "--demo")
	r.wantCode(t, exitOK)
	for _, want := range []string{"retry", "backup", "failover", "store", "breaker", "circuit open", "demo done"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("piped demo output has ANSI escapes")
	}
}

// TestHelpListsEveryFlag: the README promises "taroreq --help lists every
// flag". Every flag the parser declares, long (--name) or short (-x), is
// named in the help text as a flag of its own, not merely as part of a
// longer one (--store-file does not count for --store), and every flag the
// help names is one the parser knows.
func TestHelpListsEveryFlag(t *testing.T) {
	fs := newFlagSet(&config{})
	declared := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) {
		declared[f.Name] = true
		spelled := "--" + f.Name
		if len(f.Name) == 1 {
			spelled = "-" + f.Name
		}
		if !regexp.MustCompile(`(^|[\s,(])` + regexp.QuoteMeta(spelled) + `([\s,)=]|$)`).MatchString(usageText) {
			t.Errorf("flag %s is not listed in --help", spelled)
		}
	})
	if len(declared) < 40 {
		t.Fatalf("only %d flags declared: the flag set was not read", len(declared))
	}
	// The flags column of the help: lines that start with two spaces and a dash.
	for _, line := range strings.Split(usageText, "\n") {
		if !strings.HasPrefix(line, "  -") {
			continue
		}
		col, _, _ := strings.Cut(strings.TrimSpace(line), "  ")
		for _, m := range regexp.MustCompile(`--?([a-zA-Z][a-zA-Z-]*)`).FindAllStringSubmatch(col, -1) {
			if !declared[m[1]] {
				t.Errorf("--help lists %q (%q), which the parser does not know", m[0], line)
			}
		}
	}
}
