package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// An event stream whose answer carries a strong ETag (a framework that tags
// every answer) and breaks mid-event is reconnected by Events, with
// Last-Event-ID, not resumed by the retry layer with a Range request: a live
// stream's bytes past an offset on a new connection are not the rest of
// the old one, and splicing them in would yield an event that was never
// sent.
func TestEventsWithETagBreakReconnectsNotResumes(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n := srv.count.Load()
		w.Header().Set("ETag", `"stream"`)
		switch {
		case n == 1:
			sseHeader(w)
			io.WriteString(w, "retry: 1\nid: 1\ndata: one\n\nid: 2\ndata: tw")
			flush(w)
			panic(http.ErrAbortHandler) // cut mid-event: no terminating chunk
		case n == 2 && r.Header.Get("Last-Event-ID") == "1":
			sseHeader(w)
			io.WriteString(w, "id: 2\ndata: two\n\n")
		case n == 2:
			// A fresh connection (no Last-Event-ID): the live stream as it
			// is now, whatever Range says.
			sseHeader(w)
			io.WriteString(w, "retry: 1\nid: 7\ndata: seven, a later event\n\nid: 8\ndata: eight\n\n")
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
	var got []string
	for ev, err := range client.New().Events(context.Background(), client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.ID+"="+ev.Data)
	}
	var sent []string
	srv.mu.Lock()
	for _, r := range srv.reqs {
		sent = append(sent, fmt.Sprintf("Range=%q Last-Event-ID=%q", r.Header.Get("Range"), r.Header.Get("Last-Event-ID")))
	}
	srv.mu.Unlock()
	if fmt.Sprint(got) != "[1=one 2=two]" || len(sent) < 2 || sent[1] != `Range="" Last-Event-ID="1"` {
		t.Fatalf("events %q, requests %q; want [1=one 2=two], the second with Last-Event-ID 1 and no Range", got, sent)
	}
}
