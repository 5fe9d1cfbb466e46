package client

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func parseAll(t *testing.T, stream string) []Event {
	t.Helper()
	p := newEventParser(strings.NewReader(stream), 1<<20)
	var evs []Event
	for {
		ev, err := p.next()
		if err == io.EOF {
			return evs
		}
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
}

// The examples of the WHATWG HTML standard, §9.2.6, and the line rules.
func TestEventParserSpecExamples(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"stock ticker", "data: YHOO\ndata: +2\ndata: 10\n\n",
			`[{message YHOO\n+2\n10  0s}]`},
		{"comment, ids", ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
			`[{message first event 1 0s} {message second event  0s} {message  third event  0s}]`},
		{"empty data, cut last", "data\n\ndata\ndata\n\ndata:",
			`[{message   0s} {message \n  0s}]`},
		{"one space stripped", "data:test\n\ndata: test\n\n",
			`[{message test  0s} {message test  0s}]`},
		{"event type, reset", "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\ndata: x\n\n",
			`[{add 73857293  0s} {remove 2153  0s} {message x  0s}]`},
		{"CR and CRLF", "data: a\r\rdata: b\r\n\r\ndata: c\n\n",
			`[{message a  0s} {message b  0s} {message c  0s}]`},
		{"BOM once", "\xEF\xBB\xBFdata: a\n\n\xEF\xBB\xBFdata: b\n\n",
			`[{message a  0s}]`},
		{"retry digits only", "retry: 1500\ndata: a\n\nretry: 15x\ndata: b\n\nretry: -1\ndata: c\n\n",
			`[{message a  1.5s} {message b  0s} {message c  0s}]`},
		{"id with NUL ignored, id kept", "id: 7\ndata: a\n\nid: 8\x009\ndata: b\n\n",
			`[{message a 7 0s} {message b 7 0s}]`},
		{"no data, no event", "event: x\nid: 3\n\ndata: y\n\n",
			`[{message y 3 0s}]`},
		{"unknown field, no colon", "foo: bar\ndata\ndata: z\n\n",
			"[{message \nz  0s}]"},
	} {
		got := fmt.Sprintf("%v", parseAll(t, tc.in))
		want := strings.ReplaceAll(tc.want, `\n`, "\n")
		if got != want {
			t.Errorf("%s: got %q, want %q", tc.name, got, want)
		}
	}
}

// A line longer than the bound is an error, not a growing buffer.
func TestEventParserBoundedLine(t *testing.T) {
	p := newEventParser(strings.NewReader("data: "+strings.Repeat("x", 100)+"\n\n"), 50)
	if _, err := p.next(); !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("err %v, want ErrResponseTooLarge", err)
	}
}

// The last event ID is set when a blank line dispatches, with data or
// without; the id of an event cut off by the end of the stream is not.
func TestEventParserLastIDAtDispatch(t *testing.T) {
	for in, want := range map[string]string{
		"id: a\ndata: one\n\nid: b\ndata: tw": "a",
		"id: a\ndata: one\n\nid: b":           "a",
		"id: a\ndata: one\n\nid: c\n\n":       "c",
		"data: x\n\n":                         "seed",
		"id\ndata: x\n\n":                     "",
	} {
		p := newEventParser(strings.NewReader(in), 1<<10)
		p.startFrom("seed")
		for {
			if _, err := p.next(); err != nil {
				break
			}
		}
		if p.lastID != want {
			t.Errorf("%q: last event ID %q, want %q", in, p.lastID, want)
		}
	}
}
