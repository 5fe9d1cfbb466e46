package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Last-Modified of the second its answer was sent in (Date) is weak (RFC
// 9110 §8.8.2.2): the file may be written again in that second, keeping the
// date, and a server answers If-Range with that date by a 206 of the new
// version (http.ServeContent compares seconds). Such a stream is not
// resumed: it ends with ErrStreamBroken after the first version's bytes,
// never with the rest of another version spliced in. Nor is one with no
// Date to tell.
func TestStreamNotResumedByASameSecondLastModified(t *testing.T) {
	v1, v2 := strings.Repeat("1", 1000), strings.Repeat("2", 1000)
	mod := time.Now().Truncate(time.Second)
	date := mod.UTC().Format(http.TimeFormat)
	for _, c := range []struct {
		name string
		date []string
	}{
		{"same second", []string{date}},
		{"no Date", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Date"] = c.date
				if srv.count.Load() == 1 {
					w.Header().Set("Last-Modified", date)
					cutAfter(w, v1[:300], len(v1))
				}
				// Written again in the same second: the same date.
				http.ServeContent(w, r, "f", mod, strings.NewReader(v2))
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(got) != v1[:300] || !errors.Is(err, client.ErrStreamBroken) || srv.count.Load() != 1 {
				t.Fatalf("got %q (%d bytes, a 2 among them: %v), err %v, %d requests; want the first 300 bytes, ErrStreamBroken, 1 request",
					got[:min(len(got), 20)], len(got), strings.Contains(string(got), "2"), err, srv.count.Load())
			}
		})
	}
}

// A Last-Modified a second or more before its Date is strong: resumed.
func TestStreamResumedByALastModifiedASecondOld(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	mod := time.Now().Truncate(time.Second).Add(-time.Second)
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", mod.Add(time.Second).UTC().Format(http.TimeFormat))
		if srv.count.Load() == 1 {
			w.Header().Set("Last-Modified", mod.UTC().Format(http.TimeFormat))
			cutAfter(w, full[:300], len(full))
		}
		http.ServeContent(w, r, "f", mod, strings.NewReader(full))
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(got) != full || srv.count.Load() != 2 {
		t.Fatalf("%d bytes of %d, err %v, %d requests", len(got), len(full), err, srv.count.Load())
	}
}
