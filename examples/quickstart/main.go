// Command quickstart shows taroreq's core calls against a server it embeds,
// so it runs offline: a GET with query data, a JSON POST, a form POST, an
// arraybuffer download, a typed call and an aborted Task.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/taroreq/taroreq/client"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// newServer is the embedded API the examples talk to.
func newServer() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /search", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"query":%q,"page":%q}`, r.URL.Query().Get("q"), r.URL.Query().Get("page"))
	})
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, `{"contentType":%q,"body":%q}`, r.Header.Get("Content-Type"), body)
	})
	mux.HandleFunc("GET /logo.bin", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte{0x89, 'P', 'N', 'G', 0x0d, 0x0a})
	})
	mux.HandleFunc("GET /users/7", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"id":7,"name":"Ann","roles":["admin"]}`)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	return httptest.NewServer(mux)
}

type user struct {
	ID    int      `json:"id"`
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
}

func run(ctx context.Context, out io.Writer) error {
	srv := newServer()
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))

	// 1. GET: Data becomes the query string, escaped like encodeURIComponent.
	resp, err := c.Request(ctx, client.Option{URL: "/search", Data: map[string]any{"q": "go & taro", "page": 2}})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "GET    %s -> %d %v (%s)\n", resp.URL[len(srv.URL):], resp.StatusCode, resp.Data, resp.ErrMsg)

	// 2. POST: a map becomes a JSON body.
	resp, err = c.Request(ctx, client.Option{URL: "/echo", Method: "POST", Data: map[string]any{"name": "taro", "tags": []string{"a", "b"}}})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "JSON   POST -> %v\n", resp.Data)

	// 3. POST as a form, chosen by the Content-Type header.
	resp, err = c.Request(ctx, client.Option{URL: "/echo", Method: "POST", Data: map[string]string{"user": "ann lee", "lang": "go"},
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Form   POST -> %v\n", resp.Data)

	// 4. ResponseType arraybuffer: the bytes, never parsed.
	resp, err = c.Request(ctx, client.Option{URL: "/logo.bin", ResponseType: "arraybuffer"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Bytes  GET  -> % x\n", resp.Data)

	// 5. A typed call decodes into a struct.
	u, err := client.Do[user](ctx, c, client.Option{URL: "/users/7"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Typed  GET  -> %+v\n", u.Value)

	// 6. A Task can be aborted while the server holds the request open.
	task := c.Go(ctx, client.Option{URL: "/slow", Timeout: 10 * time.Second})
	time.AfterFunc(50*time.Millisecond, task.Abort)
	resp, err = task.Wait()
	fmt.Fprintf(out, "Abort  GET  -> %s (error: %v)\n", resp.ErrMsg, err != nil)
	return nil
}
