package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestParseItem(t *testing.T) {
	tests := []struct {
		in   string
		want item
	}{
		{"a=1", item{kind: itemData, key: "a", value: "1"}},
		{"q=go & taro", item{kind: itemData, key: "q", value: "go & taro"}},
		{"empty=", item{kind: itemData, key: "empty", value: ""}},
		{"eq=a=b", item{kind: itemData, key: "eq", value: "a=b"}},
		{"url=http://x/y", item{kind: itemData, key: "url", value: "http://x/y"}},
		{"n:=5", item{kind: itemJSON, key: "n", raw: json.RawMessage(`5`)}},
		{"f:=1.50", item{kind: itemJSON, key: "f", raw: json.RawMessage(`1.50`)}},
		{"ok:=true", item{kind: itemJSON, key: "ok", raw: json.RawMessage(`true`)}},
		{"nil:=null", item{kind: itemJSON, key: "nil", raw: json.RawMessage(`null`)}},
		{`s:="x"`, item{kind: itemJSON, key: "s", raw: json.RawMessage(`"x"`)}},
		{`o:={ "z": 1, "a": [1, 2] }`, item{kind: itemJSON, key: "o", raw: json.RawMessage(`{"z":1,"a":[1,2]}`)}},
		{"X-Token:abc", item{kind: itemHeader, key: "X-Token", value: "abc"}},
		{"x-token: spaced", item{kind: itemHeader, key: "X-Token", value: "spaced"}},
		{"Accept:", item{kind: itemHeader, key: "Accept", value: ""}},
		{"Link:<a>; rel=next", item{kind: itemHeader, key: "Link", value: "<a>; rel=next"}},
		{`a\:b=c`, item{kind: itemData, key: "a:b", value: "c"}},
		{`a\=b=c`, item{kind: itemData, key: "a=b", value: "c"}},
		{`a\\=c`, item{kind: itemData, key: `a\`, value: "c"}},
		{`a\x=c`, item{kind: itemData, key: `a\x`, value: "c"}},
	}
	for _, tt := range tests {
		got, err := parseItem(tt.in)
		if err != nil {
			t.Errorf("parseItem(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseItem(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseItemErrors(t *testing.T) {
	for _, in := range []string{
		"plain", "", "=v", ":=1", "a:={", "a:=tru", "a:=1 2", "bad header:v", "(x):v",
		"X-A:line\nbreak", `a\:b`,
	} {
		_, err := parseItem(in)
		if err == nil {
			t.Errorf("parseItem(%q): no error", in)
			continue
		}
		if !errors.Is(err, errUsage) {
			t.Errorf("parseItem(%q): %v is not a usage error", in, err)
		}
	}
}

func TestRequestParts(t *testing.T) {
	var items []item
	for _, s := range []string{"a=1", "n:=2", "a=3", "X-A:1", "X-A:2"} {
		it, err := parseItem(s)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	data, h, _ := requestParts(items)
	want := map[string]any{"a": "3", "n": json.RawMessage("2")}
	if !reflect.DeepEqual(data, want) {
		t.Errorf("data = %#v, want %#v", data, want)
	}
	if !reflect.DeepEqual(h, http.Header{"X-A": {"1", "2"}}) {
		t.Errorf("header = %v", h)
	}
	if data, _, _ := requestParts(items[3:]); data != nil {
		t.Errorf("headers only: data = %v, want nil", data)
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args   []string
		method string
		url    string
		nItems int
		check  func(*config) bool
	}{
		{[]string{"example.com"}, "GET", "http://example.com", 0, nil},
		{[]string{":3000/x"}, "GET", "http://localhost:3000/x", 0, nil},
		{[]string{":/x"}, "GET", "http://localhost/x", 0, nil},
		{[]string{"https://a.b/c", "a=1"}, "POST", "https://a.b/c", 1, nil},
		{[]string{"https://a.b/c", "X-A:1"}, "GET", "https://a.b/c", 1, nil},
		{[]string{"get", "https://a.b/c", "a=1"}, "GET", "https://a.b/c", 1, nil},
		{[]string{"--verbose", "PUT", "a.b", "--timeout", "1s", "x:=1", "--form"}, "PUT", "http://a.b", 1,
			func(c *config) bool { return c.verbose && c.form && c.timeout.set && c.timeout.d.String() == "1s" }},
		{[]string{"a.b", "--backup", "c.d", "--backup", "https://e.f/g"}, "GET", "http://a.b", 0,
			func(c *config) bool { return len(c.backups) == 2 && c.backups[0] == "http://c.d" }},
		{[]string{"a.b", "--", "--x=1"}, "POST", "http://a.b", 1, nil},
		{[]string{"--timeout", "none", "a.b"}, "GET", "http://a.b", 0, func(c *config) bool { return c.timeout.d < 0 }},
		{[]string{"--base-url", "http://h", "/rel"}, "GET", "/rel", 0, nil},
		{[]string{"--max-size", "2M", "a.b"}, "GET", "http://a.b", 0, func(c *config) bool { return c.maxSize.n == 2<<20 }},
	}
	for _, tt := range tests {
		cfg, err := parseArgs(tt.args)
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.args, err)
			continue
		}
		if cfg.method != tt.method || cfg.url != tt.url || len(cfg.items) != tt.nItems {
			t.Errorf("parseArgs(%q) = %s %s %d items, want %s %s %d", tt.args, cfg.method, cfg.url, len(cfg.items),
				tt.method, tt.url, tt.nItems)
		}
		if tt.check != nil && !tt.check(cfg) {
			t.Errorf("parseArgs(%q): check failed: %+v", tt.args, cfg)
		}
	}
}

func TestParseArgsUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{}, {"--nope", "a.b"}, {"ftp://a.b"}, {"http://"}, {"FOO", "a.b"}, {"a.b", "notanitem"},
		{"a.b", "x:={"}, {"--timeout", "soon", "a.b"}, {"--retry-times", "x", "a.b"},
		{"--response-type", "blob", "a.b"}, {"--mode", "open", "a.b"}, {"--cache", "never", "a.b"},
		{"--credentials", "all", "a.b"}, {"--pretty", "much", "a.b"}, {"--data-check", "nokey", "a.b"},
		{"--max-size", "-1", "a.b"}, {"--max-size", "", "a.b"}, {"--demo", "a.b"}, {"a.b", "--backup", "ftp://x"},
		{"--base-url", "relative", "/x"}, {"http://a b/"},
	} {
		_, err := parseArgs(args)
		if !errors.Is(err, errUsage) {
			t.Errorf("parseArgs(%q) = %v, want a usage error", args, err)
		}
	}
	if _, err := parseArgs([]string{"a.b", "--help"}); !errors.Is(err, errHelp) {
		t.Errorf("--help: %v", err)
	}
}

// A header item the client would not send (Host, Content-Length,
// Transfer-Encoding: the transport's; Referer: never sent) is a usage
// error, not an item dropped in silence: Host:vhost.example against an IP
// went to the server's default virtual host.
func TestHeaderItemsTheClientWouldNotSendAreAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, it := range []string{"Host:vhost.example", "host:vhost.example", "Content-Length:99",
		"Transfer-Encoding:chunked", "Referer:https://r.example/", "Host;"} {
		r := cli(t, srv.URL+"/x", it)
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "cannot send") {
			t.Errorf("%q: stderr %q", it, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
	cli(t, srv.URL+"/x", "X-Host:a", "Origin:http://o.example").wantCode(t, exitOK)
	if h := srv.only(t).header; h.Get("X-Host") != "a" || h.Get("Origin") != "http://o.example" {
		t.Errorf("header %v", h)
	}
}

// A field read from a file (key=@file, key:=@file.json), or typed as JSON
// (key:=json), is text: a file that is not UTF-8 is a usage error, as in
// httpie, not a field whose bytes go as U+FFFD (key=@file) or unchanged
// into a JSON body that is then no JSON (key:=@file.json).
func TestItemFileThatIsNotUTF8IsAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	dir := t.TempDir()
	bin := filepath.Join(dir, "photo.bin")
	latin1 := filepath.Join(dir, "latin1.json")
	if err := os.WriteFile(bin, []byte{0x00, 0x01, 0xff, 0xfe}, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(latin1, []byte("{\"name\":\"caf\xe9\"}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, it := range []string{"f=@" + bin, "f:=@" + latin1, "f:=\"caf\xe9\""} {
		r := cli(t, srv.URL+"/x", it)
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "not UTF-8") {
			t.Errorf("%q: stderr %q, want it to say the value is not UTF-8", it, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
	// UTF-8 files are fields as before.
	good := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(good, []byte("café\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cli(t, srv.URL+"/x", "f=@"+good).wantCode(t, exitOK)
	if got := srv.only(t).body; got != `{"f":"café\n"}` {
		t.Errorf("body %q", got)
	}
}

// "@file" naming a directory is a bad item, as "key=@dir" is: a usage
// error (exit 2) before any I/O. It opened, then failed reading the body
// while encoding the request: exit 1, as if the network had failed.
func TestBodyFileThatIsADirectoryIsAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, srv.URL+"/post", "@"+t.TempDir())
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("stderr %q", r.stderr)
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("server got %d requests", n)
	}
}

func FuzzParseArgs(f *testing.F) {
	f.Add("GET\x00:8080/items\x00page=2\x00q=go taro")
	f.Add("--timeout\x00-5s\x00--max-size\x00\x00--base-url\x00http://[::1%25x]:80\x00/x\x00a:=@\x00X:\r\n")
	f.Add("post\x00http://u:p@h:99999/x\x00@\x00a\\:b=c\x00H;\x00--backup\x00::")
	f.Add("--data-check\x00=\x00--print\x00Hh\x00--auth\x00x\x00u")
	f.Fuzz(func(t *testing.T, argv string) {
		args := strings.Split(argv, "\x00")
		for _, a := range args {
			if strings.Contains(a, "@") {
				return // no file reads from fuzzed names
			}
		}
		cfg, err := parseArgs(args)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if cfg.demo || cfg.help {
			return
		}
		opt := cfg.option()
		if opt.DataCheck != nil {
			opt.DataCheck(&client.Response{Data: `{"a":[{"b":1}]}`})
		}
	})
}
