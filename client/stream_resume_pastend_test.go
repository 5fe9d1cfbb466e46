package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A 206 whose Content-Range, of unknown complete length ("/*"), runs past
// the length the first answer gave (its Content-Length) is not the rest of
// that representation: the stream ends with ErrResumeRefused after the
// bytes delivered, and the caller never gets more bytes than the
// representation holds.
func TestStreamResume206PastTheEndRefused(t *testing.T) {
	full := strings.Repeat("abcdefghij", 100)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		if r.Header.Get("Range") == "" {
			cutAfter(w, full[:300], len(full))
		}
		w.Header().Set("Content-Range", "bytes 300-1999/*")
		w.WriteHeader(http.StatusPartialContent)
		io.WriteString(w, full[300:])
		io.WriteString(w, strings.Repeat("X", 1000))
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(got) > len(full) || strings.Contains(string(got), "X") {
		t.Fatalf("got %d bytes of a %d-byte representation, err %v", len(got), len(full), err)
	}
	if string(got) != full[:300] || !errors.Is(err, retry.ErrResumeRefused) {
		t.Fatalf("got %d bytes, err %v; want the first 300 and ErrResumeRefused", len(got), err)
	}
}

// A 206 "/*" that ends at the last byte of the representation is its rest.
func TestStreamResume206UnknownLengthToTheEnd(t *testing.T) {
	full := strings.Repeat("abcdefghij", 100)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		if r.Header.Get("Range") == "" {
			cutAfter(w, full[:300], len(full))
		}
		w.Header().Set("Content-Range", "bytes 300-999/*")
		w.WriteHeader(http.StatusPartialContent)
		io.WriteString(w, full[300:])
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(got) != full {
		t.Fatalf("%d bytes of %d, err %v", len(got), len(full), err)
	}
}
