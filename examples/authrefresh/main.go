// Command authrefresh adds an interceptor that refreshes an expired token
// and sends the request again, against an embedded server.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"

	"github.com/taroreq/taroreq/client"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "authrefresh:", err)
		os.Exit(1)
	}
}

// tokens hands out tokens; safe for concurrent use.
type tokens struct {
	mu      sync.Mutex
	current string
	n       int
}

func (t *tokens) get() string { t.mu.Lock(); defer t.mu.Unlock(); return t.current }

func (t *tokens) refresh() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
	t.current = fmt.Sprintf("token-%d", t.n)
	return t.current
}

// authInterceptor adds the token to c's calls to the API (its base URL's
// origin) and to no other origin's; on 401 it refreshes it once and
// retries.
func authInterceptor(c *client.Client, tk *tokens, out io.Writer) client.Interceptor {
	return func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if !c.SameOrigin(opt.URL) {
			return proceed(ctx, opt) // another origin's URL (Mode cors): the API's token is not its business
		}
		send := func(token string) (*client.Response, error) {
			h := http.Header{}
			for k, v := range opt.Header { // never write to the caller's header
				h[k] = v
			}
			h.Set("Authorization", "Bearer "+token)
			o := opt
			o.Header = h
			return proceed(ctx, o)
		}
		resp, err := send(tk.get())
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			fmt.Fprintln(out, "401: refreshing the token")
			return send(tk.refresh())
		}
		return resp, err
	}
}

func run(ctx context.Context, out io.Writer) error {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer token-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = io.WriteString(w, `{"user":"ann"}`)
	}))
	defer srv.Close()
	tk := &tokens{current: "expired"}
	c := client.New(client.WithBaseURL(srv.URL))
	c.AddInterceptor(authInterceptor(c, tk, out))
	resp, err := c.Request(ctx, client.Option{URL: "/me"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d %v (%s)\n", resp.StatusCode, resp.Data, resp.ErrMsg)
	return nil
}
