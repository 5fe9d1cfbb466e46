package client_test

// The README's Go snippets, each run against real servers on loopback. The
// lines between "README" markers are the README's block, verbatim (after
// indentation); TestREADMESnippetsAreExamples keeps the two the same.

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// README "Use": the primary answers code 1, which DataCheck rejects, so the
// backup (another origin, hence Mode: client.ModeCORS) answers.
func ExampleClient_Request() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/items":
			fmt.Fprint(w, `{"code":1}`)
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/users/7":
			fmt.Fprint(w, `{"id":7,"name":"Ann"}`)
		}
	}))
	defer api.Close()
	bk := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"code":0,"query":%q}`, r.URL.RawQuery)
	}))
	defer bk.Close()
	apiURL, backupURL := api.URL, bk.URL
	ctx := context.Background()

	// README
	c := client.New(client.WithBaseURL(apiURL))

	resp, err := c.Request(ctx, client.Option{
		URL:    "/items",
		Data:   map[string]any{"page": 2, "q": "go & taro"}, // GET: ?page=2&q=go%20%26%20taro
		Backup: []string{backupURL + "/items"},
		Mode:   client.ModeCORS, // the backup is of another origin, which the default (same-origin) refuses
		DataCheck: func(r *client.Response) bool {
			m, _ := r.Data.(map[string]any)
			return m["code"] == 0.0
		},
	})
	// resp.ErrMsg is "request:ok" or "request:fail <reason>"; resp is never nil.

	task := c.Go(ctx, client.Option{URL: "/slow"}, func(t *client.Task) { // a RequestTask
		t.OnHeadersReceived(func(h client.Headers) { log.Println(h.StatusCode) }) // before it starts
	})
	task.Abort()

	user, err := client.Do[User](ctx, c, client.Option{URL: "/users/7"}) // typed
	// README end

	slow, _ := task.Wait()
	fmt.Println(resp.ErrMsg, resp.StatusCode, strings.TrimPrefix(resp.URL, backupURL))
	fmt.Println(resp.Data.(map[string]any)["query"])
	fmt.Println(slow.ErrMsg)
	fmt.Println(user.Value.Name, err)
	// Output:
	// request:ok 200 /items?page=2&q=go%20%26%20taro
	// page=2&q=go%20%26%20taro
	// request:fail abort
	// Ann <nil>
}

// README, first screen: the primary path answers 503 three times (a retry
// each), then the backup path answers.
func Example() {
	var hits atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/users/7" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `{"id":7,"name":"Ann"}`)
	}))
	defer api.Close()
	apiURL, ctx := api.URL, context.Background()

	// README
	c := client.New(client.WithBaseURL(apiURL)) // import "github.com/taroreq/taroreq/client"
	res, err := client.Do[User](ctx, c, client.Option{URL: "/users/7", Backup: []string{"/v1/users/7"}})
	// README end

	fmt.Println(res.Value.Name, err, res.Attempts, hits.Load(), strings.TrimPrefix(res.URL, apiURL))
	// Output: Ann <nil> 4 4 /v1/users/7
}

// README "The store": a snapshot file keeps the store across restarts; the
// second session answers from it without a request.
func ExampleWithStore() {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, `{"version":"v3"}`)
	}))
	defer srv.Close()
	dir, err := os.MkdirTemp("", "taroreq-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	snapshot := filepath.Join(dir, "store.snap")
	ctx := context.Background()

	session := func() { // one run of a program
		// README
		mem := store.NewMemory(store.WithMaxEntries(10_000), store.WithMaxBytes(64<<20))
		if err := mem.LoadFile(snapshot); err != nil { // e.g. "store.snap"; a missing file is a fresh start
			log.Print(err)
		}
		c := client.New(client.WithStore(mem))
		defer mem.SaveFile(snapshot)
		// README end

		resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/conf", UseStore: true,
			StoreCheckKey: "version", StoreSign: "v3"})
		fmt.Println(resp.FromStore, resp.Data, err)
	}
	session()
	session()
	fmt.Println("requests:", hits.Load())
	// Output:
	// false map[version:v3] <nil>
	// true map[version:v3] <nil>
	// requests: 1
}

// README "The store", Redis: a Redis that is down never fails a request.
// (plugins/redisstore's tests run against a real redis-server.)
func ExampleWithStore_redis() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"version":"v3"}`)
	}))
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	redisAddr := ln.Addr().String()
	ln.Close() // nothing listens there: Redis is down

	// README
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{redisAddr}, ContextTimeoutEnabled: true})
	c := client.New(client.WithStore(redisstore.New(rdb, redisstore.WithTTL(time.Hour))))
	defer rdb.Close()
	// README end

	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/conf", UseStore: true,
		StoreCheckKey: "version", StoreSign: "v3"})
	fmt.Println(resp.ErrMsg, resp.FromStore, resp.Data, err)
	// Output:
	// request:ok false map[version:v3] <nil>
}

// README "Composing middleware": the layers in a plain http.Client, against
// a server that fails twice.
func Example_plainHTTPClient() {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "hello")
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()

	// README
	hc := &http.Client{Transport: middleware.Chain(nil,
		retry.Middleware(retry.WithRetryTimes(3)),
		breaker.Middleware(),
		timeout.Middleware(timeout.WithTimeout(time.Second)),
	)}
	// README end

	resp, err := hc.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body), "after", n.Load(), "attempts")
	// Output:
	// 200 hello after 3 attempts
}

// README "Composing middleware": an option-level interceptor adds a header
// without writing to the caller's.
func ExampleClient_AddInterceptor() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s, trace %s", r.Header.Get("Authorization"), r.Header.Get("X-Trace"))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	token := func() string { return "t0k3n" }
	mine := http.Header{"X-Trace": {"abc"}}

	// README
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if !c.SameOrigin(opt.URL) { // another origin's URL (Mode cors): not for the API's token
			return proceed(ctx, opt)
		}
		h := http.Header{"Authorization": {"Bearer " + token()}}
		for k, v := range opt.Header { // never write to the caller's header
			h[k] = v
		}
		opt.Header = h
		return proceed(ctx, opt)
	})
	// README end

	resp, err := c.Request(context.Background(), client.Option{URL: "/whoami", Header: mine})
	fmt.Println(string(resp.Raw), err)
	fmt.Println(len(mine), "header in the caller's map")
	// Output:
	// Bearer t0k3n, trace abc <nil>
	// 1 header in the caller's map
}

// README "Streaming": a chunked export and an event feed, served locally;
// the feed's second connection gets a 204, the server's way to say stop.
func ExampleResponse_Chunks() {
	var conns atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/export":
			fmt.Fprint(w, "row 1\n")
			w.(http.Flusher).Flush()
			fmt.Fprint(w, "row 2\n")
		case "/v1/completions":
			if conns.Add(1) > 1 {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			w.Header().Set("Content-Type", "text/event-stream")
			fmt.Fprint(w, "retry: 1\nid: 1\nevent: token\ndata: Hello\n\n")
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()

	// README
	resp, err := c.Request(ctx, client.Option{URL: "/export", EnableChunked: true})
	if err != nil {
		log.Fatal(err)
	}
	for chunk, err := range resp.Chunks() { // or read resp.Body, then Close it
		if err != nil {
			log.Fatal(err) // a *middleware.StreamError inside counts the bytes delivered
		}
		os.Stdout.Write(chunk)
	}
	for ev, err := range c.Events(ctx, client.Option{URL: "/v1/completions"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ev.Type, ev.ID, ev.Data)
	}
	// README end
	// Output:
	// row 1
	// row 2
	// token 1 Hello
}
