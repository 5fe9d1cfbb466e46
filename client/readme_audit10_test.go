package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

func TestReadmeBudgetShared(t *testing.T) {
	var na, nb, nc atomic.Int32
	mk := func(n *atomic.Int32) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(503)
		}))
	}
	a, b, cc := mk(&na), mk(&nb), mk(&nc)
	defer a.Close()
	defer b.Close()
	defer cc.Close()
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", Backup: []string{b.URL + "/y", cc.URL + "/z"}, Mode: client.ModeCORS})
	t.Logf("primary %d backup1 %d backup2 %d attempts %d status %d err %v", na.Load(), nb.Load(), nc.Load(), resp.Attempts, resp.StatusCode, err)
}

func TestReadmeNegativeTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2300 * time.Millisecond)
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/x", Timeout: -1, RetryTimes: client.NoRetry})
	if err != nil {
		t.Errorf("negative timeout: %v", err)
	}
}
