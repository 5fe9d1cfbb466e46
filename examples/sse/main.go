// Command sse streams a completion-style feed of Server-Sent Events from a
// server it embeds, so it runs offline: tokens arrive one event at a time,
// the server drops the connection half-way, and Client.Events reconnects
// with Last-Event-ID so the feed goes on where it stopped; a streamed
// download (EnableChunked) then reads a body chunk by chunk.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/taroreq/taroreq/client"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sse:", err)
		os.Exit(1)
	}
}

var tokens = []string{"Streams", " arrive", " one", " token", " at", " a", " time", "."}

// newServer serves /v1/completions as an event stream: one event per token,
// id = the token's index. The first connection is cut after three tokens;
// a reconnection resumes after its Last-Event-ID. /export is a plain
// chunked body.
func newServer() *httptest.Server {
	var conns atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/completions", func(w http.ResponseWriter, r *http.Request) {
		first := conns.Add(1) == 1
		from := 0
		if id := r.Header.Get("Last-Event-ID"); id != "" {
			n, _ := strconv.Atoi(id)
			from = n + 1
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "retry: 10\n: a comment, e.g. a keep-alive\n\n")
		for i := from; i < len(tokens); i++ {
			if first && i == 3 {
				return // the connection drops
			}
			b, _ := json.Marshal(map[string]string{"token": tokens[i]})
			fmt.Fprintf(w, "id: %d\nevent: token\ndata: %s\n\n", i, b)
			w.(http.Flusher).Flush()
		}
		fmt.Fprint(w, "event: done\ndata: [DONE]\n\n")
	})
	mux.HandleFunc("GET /export", func(w http.ResponseWriter, r *http.Request) {
		for i := range 4 {
			fmt.Fprintf(w, "row %d\n", i)
			w.(http.Flusher).Flush()
		}
	})
	return httptest.NewServer(mux)
}

func run(ctx context.Context, out io.Writer) error {
	srv := newServer()
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))

	var text strings.Builder
	for ev, err := range c.Events(ctx, client.Option{URL: "/v1/completions"}) {
		if err != nil {
			return err
		}
		if ev.Type == "done" {
			break // the feed is complete: leaving the loop closes the stream
		}
		var t struct{ Token string }
		if err := json.Unmarshal([]byte(ev.Data), &t); err != nil {
			return err
		}
		fmt.Fprintf(out, "event %s id=%s %q\n", ev.Type, ev.ID, t.Token)
		text.WriteString(t.Token)
	}
	fmt.Fprintf(out, "text: %s\n", text.String())

	resp, err := c.Request(ctx, client.Option{URL: "/export", EnableChunked: true})
	if err != nil {
		return err
	}
	n := 0
	for chunk, err := range resp.Chunks() {
		if err != nil {
			return err
		}
		n += len(chunk)
	}
	fmt.Fprintf(out, "export: %d bytes, status %d\n", n, resp.StatusCode)
	return nil
}
