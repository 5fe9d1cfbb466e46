// Command store shows useStore: the first request goes to the server and is
// stored; the store is snapshotted to a file, as a service would at
// shutdown; after a "restart" the snapshot answers with no network at all;
// when the server then fails, the stale stored data still answers.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

func main() {
	dir, err := os.MkdirTemp("", "taroreq-store")
	if err != nil {
		fmt.Fprintln(os.Stderr, "store:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	if err := run(context.Background(), os.Stdout, filepath.Join(dir, "store.snap")); err != nil {
		fmt.Fprintln(os.Stderr, "store:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, snapshot string) error {
	var hits atomic.Int64
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"version":"v1","cities":["Hangzhou","Shenzhen"]}`)
	}))
	defer srv.Close()
	opt := client.Option{URL: srv.URL + "/cities", UseStore: true, StoreCheckKey: "version", StoreSign: "v1",
		RetryTimes: client.NoRetry}

	// First run: a miss, stored, then snapshotted.
	mem := store.NewMemory(store.WithMaxEntries(100), store.WithMaxBytes(1<<20))
	resp, err := client.New(client.WithStore(mem)).Request(ctx, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "first run:  from store %v, server requests %d, data %v\n", resp.FromStore, hits.Load(), resp.Data)
	if err := mem.SaveFile(snapshot); err != nil {
		return err
	}

	// After a restart: the snapshot answers, no request reaches the server.
	restarted := store.NewMemory(store.WithMaxEntries(100), store.WithMaxBytes(1<<20))
	if err := restarted.LoadFile(snapshot); err != nil {
		return err
	}
	c := client.New(client.WithStore(restarted))
	if resp, err = c.Request(ctx, opt); err != nil {
		return err
	}
	fmt.Fprintf(out, "restarted:  from store %v, server requests %d\n", resp.FromStore, hits.Load())

	// The caller now wants v2, but the server is down: stale v1 answers.
	down.Store(true)
	opt.StoreSign = "v2"
	if resp, err = c.Request(ctx, opt); err != nil {
		return err
	}
	fmt.Fprintf(out, "server down: from store %v (stale fallback), server requests %d, %s\n",
		resp.FromStore, hits.Load(), resp.ErrMsg)
	return nil
}
