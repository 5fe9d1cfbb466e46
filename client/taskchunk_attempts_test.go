package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A chunked Task's answer is given once its body has ended (Wait, Success,
// Complete): its Attempts counts the Range requests that resumed the body
// after breaks, each an attempt as the README has it, not only the
// attempts made before the headers came.
func TestTaskChunkedAttemptsCountResumptions(t *testing.T) {
	full := strings.Repeat("abcdefghij", 3000)
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n := int(srv.count.Load())
		w.Header().Set("ETag", `"v1"`)
		from := 0
		if rg := r.Header.Get("Range"); rg != "" {
			from, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(full)-1, len(full)))
			w.Header().Set("Content-Length", strconv.Itoa(len(full)-from))
			w.WriteHeader(http.StatusPartialContent)
		}
		if n <= 3 { // the first answer and two resumptions break
			io.WriteString(w, full[from:from+5000])
			flush(w)
			panic(http.ErrAbortHandler)
		}
		io.WriteString(w, full[from:])
	})
	c := client.New(fastRetry)
	var mu sync.Mutex
	var got strings.Builder
	var completed *client.Response
	task := c.Go(context.Background(), client.Option{URL: srv.URL, EnableChunked: true, RetryTimes: 5,
		Complete: func(r *client.Response, _ error) { completed = r }},
		func(task *client.Task) { task.OnChunkReceived(func(b []byte) { mu.Lock(); got.Write(b); mu.Unlock() }) })
	resp, err := task.Wait()
	if err != nil || got.String() != full {
		t.Fatalf("err %v, %d bytes of %d", err, got.Len(), len(full))
	}
	if n := int(srv.count.Load()); n != 4 || resp.Attempts != n || completed == nil || completed.Attempts != n {
		t.Fatalf("the server got %d requests; Wait's Attempts %d, Complete's %v", n, resp.Attempts, completed)
	}
}
