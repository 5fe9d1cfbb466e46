package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/timeout"
)

func TestFormatJSON(t *testing.T) {
	in := `{"b":[1,2.50,{"c":null}],"a":"x<y\u00e9","e":{},"f":[],"t":true}`
	want := `{
  "b": [
    1,
    2.50,
    {
      "c": null
    }
  ],
  "a": "x<yé",
  "e": {},
  "f": [],
  "t": true
}`
	var buf bytes.Buffer
	if err := formatJSON(&buf, []byte(in), style{format: true}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	if err := formatJSON(&buf, []byte(`{"k":"v","n":1,"b":false}`), style{format: true, color: true}); err != nil {
		t.Fatal(err)
	}
	wantColor := "{\n  " + colKey + `"k"` + colReset + ": " + colString + `"v"` + colReset + ",\n  " +
		colKey + `"n"` + colReset + ": " + colNumber + "1" + colReset + ",\n  " +
		colKey + `"b"` + colReset + ": " + colLit + "false" + colReset + "\n}"
	if buf.String() != wantColor {
		t.Errorf("colour: got %q\nwant %q", buf.String(), wantColor)
	}
	for _, bad := range []string{`{"a":`, `[1,`, `{"a" 1}`} {
		buf.Reset()
		if err := formatJSON(&buf, []byte(bad), style{format: true}); err == nil {
			t.Errorf("formatJSON(%q): no error", bad)
		}
	}
}

func TestWriteBody(t *testing.T) {
	var buf bytes.Buffer
	if err := writeBody(&buf, []byte(`{"a": 1}`), true, style{format: true}, false); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "{\n  \"a\": 1\n}\n" {
		t.Errorf("JSON: %q", buf.String())
	}
	buf.Reset()
	_ = writeBody(&buf, []byte("plain"), false, style{format: true}, false)
	if buf.String() != "plain" {
		t.Errorf("piped text: %q", buf.String())
	}
	buf.Reset()
	_ = writeBody(&buf, []byte("plain"), false, style{format: true}, true)
	if buf.String() != "plain\n" {
		t.Errorf("terminal text: %q", buf.String())
	}
	buf.Reset()
	_ = writeBody(&buf, []byte(`{"a":`), true, style{format: true}, false)
	if buf.String() != `{"a":` {
		t.Errorf("broken JSON is written as it is: %q", buf.String())
	}
}

func TestProgress(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	var buf bytes.Buffer
	p := newProgress(&buf, 4<<20, clock)
	p.add(1 << 20)
	if buf.Len() != 0 {
		t.Fatalf("drawn before showAfter: %q", buf.String())
	}
	now = now.Add(time.Second)
	p.add(1 << 20)
	if got := buf.String(); !strings.HasPrefix(got, "\r[===============>") || !strings.Contains(got, " 50%  2.0 MiB / 4.0 MiB  2.0 MiB/s") {
		t.Errorf("at 50%%: %q", got)
	}
	now = now.Add(time.Second)
	p.add(2 << 20)
	p.finish()
	p.finish()
	if got := buf.String(); !strings.Contains(got, "100%  4.0 MiB / 4.0 MiB") || !strings.HasSuffix(got, "\n") || strings.Count(got, "\n") != 1 {
		t.Errorf("finished: %q", got)
	}

	buf.Reset()
	quick := newProgress(&buf, -1, clock)
	quick.add(10)
	quick.finish()
	if buf.Len() != 0 {
		t.Errorf("a quick download drew %q", buf.String())
	}
	unknown := newProgress(&buf, -1, clock)
	now = now.Add(time.Second)
	unknown.add(1536)
	if got := buf.String(); got != "\r1.5 KiB  1.5 KiB/s"+strings.Repeat(" ", lineWidth-len("1.5 KiB  1.5 KiB/s")) {
		t.Errorf("unknown length: %q", got)
	}
}

func TestExitCode(t *testing.T) {
	wrap := func(err error) error { return &client.Error{Method: "GET", URL: "http://x", Err: err} }
	tests := []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{usagef("bad"), exitUsage},
		{wrap(client.ErrInvalidURL), exitUsage},
		{wrap(client.ErrCrossOrigin), exitUsage},
		{wrap(context.Canceled), exitInterrupted},
		{wrap(&breaker.OpenError{Key: "http://x"}), exitBreaker},
		{wrap(&datacheck.RejectedError{URL: "http://x", StatusCode: 200}), exitDataCheck},
		{wrap(&timeout.Error{Timeout: time.Second, Err: errors.New("slow")}), exitTimeout},
		{wrap(fmt.Errorf("%w (8 bytes)", client.ErrResponseTooLarge)), exitError},
		{wrap(errors.New("connection refused")), exitTransport},
		{errors.New("not from the client"), exitError},
		{wrap(fmt.Errorf("%w: stopped after 20 redirects", client.ErrTooManyRedirects)), exitRedirects},
		// Several URLs failed: the breaker wins over the timeout.
		{wrap(errors.Join(&timeout.Error{Timeout: time.Second}, &breaker.OpenError{Key: "k"})), exitBreaker},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestDataCheck(t *testing.T) {
	check := dataCheck([]string{"code=0", "user.tags.1=b", "ok=true"})
	good := map[string]any{"code": 0.0, "ok": true, "user": map[string]any{"tags": []any{"a", "b"}}}
	if !check(&client.Response{Data: good}) {
		t.Error("good data rejected")
	}
	if !check(&client.Response{Data: []byte(`{"code":0,"ok":true,"user":{"tags":["a","b"]}}`)}) {
		t.Error("arraybuffer data rejected")
	}
	for _, bad := range []any{nil, "x", map[string]any{"code": 1.0}, map[string]any{"code": 0.0, "ok": true}} {
		if check(&client.Response{Data: bad}) {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestRunInProcess drives run without a network: help, usage errors and
// the demo, checking (with goleak in TestMain) that nothing is left
// running.
func TestRunInProcess(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, nil, &out, &errb); code != exitOK || !strings.Contains(out.String(), "Exit codes:") {
		t.Errorf("--help: code %d, stdout %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"--bogus"}, nil, &out, &errb); code != exitUsage || out.Len() != 0 ||
		!strings.Contains(errb.String(), "flag provided but not defined: -bogus") || !strings.Contains(errb.String(), usageHint) {
		t.Errorf("--bogus: code %d, stderr %q", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"--demo"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("--demo: code %d, stderr %s", code, errb.String())
	}
	for _, want := range []string{"1. retry", "events [retry]", "2. backup failover", "failover", "3. store",
		"call 2: from store true, 0 attempt(s), server requests so far 1", "store.fallback",
		"4. breaker", "call 4: refused, circuit open"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
}

// A JSONP answer's payload is printed as any JSON body: its numbers' text
// and its key order as received. It was decoded and encoded again, so
// 12345678901234567890123 showed as 1.2345678901234568e+22, 1.10 as 1.1,
// and the keys sorted.
func TestJSONPPayloadIsPrintedAsReceived(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprintf(w, `/**/ %s({"z":1,"big":12345678901234567890123,"f":1.10,"a":"x<y"});`, r.URL.Query().Get("callback"))
	})
	r := cli(t, "--pretty", "none", "--jsonp-callback", "cb", srv.URL+"/j")
	r.wantCode(t, exitOK)
	if want := `{"z":1,"big":12345678901234567890123,"f":1.10,"a":"x<y"}`; r.stdout != want {
		t.Errorf("--pretty none: %s\nwant %s", r.stdout, want)
	}
	r = cli(t, "--jsonp", srv.URL+"/j")
	r.wantCode(t, exitOK)
	if want := "{\n  \"z\": 1,\n  \"big\": 12345678901234567890123,\n  \"f\": 1.10,\n  \"a\": \"x<y\"\n}\n"; r.stdout != want {
		t.Errorf("formatted: %s\nwant %s", r.stdout, want)
	}
}

// --data-check compares a number by its value as received: an id past 2^53
// matches its own digits (it was compared as the float64 nearest to it,
// 12345678901234567000000, and rejected), and 1.10, which the output
// shows, matches as 1.1 does; a number it is not is still rejected.
func TestDataCheckComparesNumbersAsReceived(t *testing.T) {
	raw := []byte(`{"id":12345678901234567890123,"price":1.10,"n":1,"big":1e21,"s":"12"}`)
	for _, tt := range []struct {
		check string
		want  bool
	}{
		{"id=12345678901234567890123", true},
		{"id=12345678901234567000000", false},
		{"id=12345678901234567890124", false},
		{"price=1.10", true},
		{"price=1.1", true},
		{"price=1.100", true},
		{"price=1.11", false},
		{"n=1", true},
		{"n=1.0", true},
		{"n=2", false},
		{"n=1/1", false},
		{"big=1e21", true},
		{"big=1000000000000000000000", true},
		{"s=12", true},
		{"s=12.0", false}, // a string by its text
	} {
		if got := dataCheck([]string{tt.check})(&client.Response{Raw: raw}); got != tt.want {
			t.Errorf("--data-check %s: %v, want %v", tt.check, got, tt.want)
		}
	}

	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, string(raw))
	})
	cli(t, "--data-check", "id=12345678901234567890123", "--data-check", "price=1.10", srv.URL).wantCode(t, exitOK)
	cli(t, "--retry-times", "0", "--data-check", "id=12345678901234567000000", srv.URL).wantCode(t, exitDataCheck)
}

// A character split between two chunks is text, not a sign of binary.
func TestBinaryWatchSplitCharacter(t *testing.T) {
	text := []byte("héllo wörld → ✓ 🙂 end")
	for i := 1; i < len(text); i++ {
		var w binaryWatch
		if w.binary(text[:i]) || w.binary(text[i:]) {
			t.Fatalf("text split at byte %d seen as binary", i)
		}
	}
	var w binaryWatch
	if !w.binary([]byte("ok\x00")) {
		t.Error("a NUL is binary")
	}
	w = binaryWatch{}
	if !w.binary([]byte("ok \xff\xfe more")) {
		t.Error("invalid UTF-8 is binary")
	}
}
