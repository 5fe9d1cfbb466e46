package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/taroreq/taroreq/client"
)

// An event stream is read with the WHATWG UTF-8 decoder (HTML, "Parsing an
// event stream": streams are decoded using UTF-8 decode): each maximal
// subpart of an ill-formed sequence is one U+FFFD in the event's data, type
// and id, as an EventSource hands them over; valid UTF-8, split across
// reads or not, is kept as it is.
func TestReadEventsDecodesUTF8AsWHATWG(t *testing.T) {
	stream := "data: \xff\xe2\x82z\n\n" + // \xff, then a cut 3-byte sequence: two U+FFFD
		"event: t\xc3\nid: \xf0\x9f\x98\ndata: \xed\xa0\x80\n\n" + // a surrogate: three
		"data: é😀\n\n"
	want := "[{message \uFFFD\uFFFDz  0s} {t\uFFFD \uFFFD\uFFFD\uFFFD \uFFFD 0s} {message é😀 \uFFFD 0s}]"
	for name, r := range map[string]func() io.Reader{
		"whole":       func() io.Reader { return strings.NewReader(stream) },
		"byte a read": func() io.Reader { return iotest.OneByteReader(strings.NewReader(stream)) },
	} {
		var got []client.Event
		for ev, err := range client.ReadEvents(r(), 0) {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got = append(got, ev)
		}
		if s := fmt.Sprint(got); s != want {
			t.Errorf("%s: events %+q\nwant %+q", name, s, want)
		}
	}
}

// Decoding may grow the data (one byte, three of U+FFFD): the event bound
// holds for what the caller gets.
func TestReadEventsDecodedDataStaysBounded(t *testing.T) {
	for ev, err := range client.ReadEvents(strings.NewReader("data: \xff\xff\xff\xff\xff\n\n"), 8) {
		if err == nil {
			t.Fatalf("event of %d bytes over the bound of 8: %+q", len(ev.Data), ev.Data)
		}
		if !errors.Is(err, client.ErrResponseTooLarge) {
			t.Fatalf("err %v, want ErrResponseTooLarge", err)
		}
	}
}

// The reconnection's Last-Event-ID is the decoded id, as a browser sends
// it (UTF-8 of U+FFFD), not the server's ill-formed bytes echoed back.
func TestEventsLastEventIDIsTheDecodedID(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if srv.count.Load() > 1 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		sseHeader(w)
		io.WriteString(w, "retry: 1\nid: 7\xff\ndata: x\n\n")
	})
	for _, err := range client.New().Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.count.Load(); n != 2 {
		t.Fatalf("%d connections, want 2", n)
	}
	if got := srv.reqs[1].Header.Get("Last-Event-ID"); got != "7\uFFFD" {
		t.Fatalf("Last-Event-ID %+q, want %+q", got, "7\uFFFD")
	}
}
