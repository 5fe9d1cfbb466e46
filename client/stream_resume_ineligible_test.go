package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A gzip answer the transport decoded is not resumed: the bytes delivered
// are the decoded ones, which no Range of the coded representation can
// continue. The break is final, after a prefix of the decoded body, and no
// Range request is sent.
func TestStreamDecodedGzipIsNotResumed(t *testing.T) {
	plain := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range plain {
		plain[i] = byte(r.IntN(256)) // incompressible: the cut comes mid-body
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	coded := gz.Bytes()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		w.Header().Set("Content-Encoding", "gzip")
		if r.Header.Get("Range") != "" {
			from, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.Header.Get("Range"), "bytes="), "-"))
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(coded)-1, len(coded)))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(coded[min(from, len(coded)):])
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(coded)))
		w.Write(coded[:len(coded)/2])
		flush(w)
		panic(http.ErrAbortHandler)
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	var se *middleware.StreamError
	if !errors.Is(err, client.ErrStreamBroken) || !errors.As(err, &se) || len(got) == 0 || !bytes.Equal(got, plain[:len(got)]) {
		t.Fatalf("%d bytes (a prefix of the body: %v), %v; want a prefix and ErrStreamBroken", len(got), bytes.Equal(got, plain[:min(len(got), len(plain))]), err)
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("%d requests; want 1, no resumption", n)
	}
}

// The caller's own Range request is not resumed: its 206 is a part, and a
// resumption's Range from the bytes delivered would ask for another one.
func TestStreamCallersRangeIsNotResumed(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		from := rangeFrom(r)
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(full)-1, len(full)))
		w.Header().Set("Content-Length", strconv.Itoa(len(full)-from))
		w.WriteHeader(http.StatusPartialContent)
		if r.Header.Get("If-Range") == "" {
			io.WriteString(w, full[from:from+300])
			flush(w)
			panic(http.ErrAbortHandler)
		}
		io.WriteString(w, full[from:])
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true,
		Header: http.Header{"Range": {"bytes=100-"}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, client.ErrStreamBroken) || string(got) != full[100:400] {
		t.Fatalf("%d bytes (%q...), %v; want bytes 100-399 and ErrStreamBroken", len(got), got[:min(len(got), 20)], err)
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("%d requests; want 1, no resumption", n)
	}
}
