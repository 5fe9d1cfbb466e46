// Command failover shows retries and backup URLs: the primary server is
// down, the first backup answers with data that DataCheck rejects, the
// second backup answers well.
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
		fmt.Fprintln(os.Stderr, "failover:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) error {
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer down.Close()
	wrong := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"code":500,"msg":"maintenance"}`)
	}))
	defer wrong.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"code":0,"msg":"hello"}`)
	}))
	defer good.Close()

	c := client.New()
	resp, err := c.Request(ctx, client.Option{
		URL:     down.URL + "/api",
		Backup:  []string{wrong.URL + "/api", good.URL + "/api"},
		Timeout: 500 * time.Millisecond,
		DataCheck: func(r *client.Response) bool {
			m, ok := r.Data.(map[string]any)
			return ok && m["code"] == 0.0
		},
	})
	if err != nil {
		return err
	}
	name := map[string]string{down.URL + "/api": "primary", wrong.URL + "/api": "backup 1", good.URL + "/api": "backup 2"}
	fmt.Fprintf(out, "answered by %s after %d attempts: %v\n", name[resp.URL], resp.Attempts, resp.Data)
	return nil
}
