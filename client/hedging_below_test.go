package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// hedge sends copies of a request, staggered, each through a transport of
// its own (a new connection), and answers with the first; the others are
// canceled, waited for and their connections closed.
type hedge struct {
	copies int
	gap    time.Duration
}

func (h hedge) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	defer cancel()
	type result struct {
		body []byte
		resp *http.Response
		err  error
	}
	out := make(chan result, h.copies)
	var wg sync.WaitGroup
	for i := range h.copies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-time.After(time.Duration(i) * h.gap):
			case <-ctx.Done():
				out <- result{err: ctx.Err()}
				return
			}
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			resp, err := tr.RoundTrip(req.Clone(ctx))
			if err != nil {
				out <- result{err: err}
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			out <- result{body, resp, err}
		}()
	}
	r := <-out
	cancel()
	wg.Wait()
	if r.err != nil {
		return nil, r.err
	}
	r.resp.Body = io.NopCloser(bytes.NewReader(r.body))
	return r.resp, nil
}

// A transport below the layers that hedges (sends copies of a GET on new
// connections while the first is under way, as hedgedhttp does) is not
// net/http sending it again and again: the timeout layer's bound on an
// attempt's new connections (middleware.ErrResentTooOften) leaves four
// copies alone (found by review29b).
func TestHedgingTransportBelowIsNoResend(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(150 * time.Millisecond)
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	c := client.New(client.WithTransport(hedge{copies: 4, gap: 20 * time.Millisecond}))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/x", Timeout: 5 * time.Second,
		RetryTimes: client.NoRetry, DataType: "text"})
	if err != nil || resp.StatusCode != 200 || resp.Data != "ok" {
		t.Fatalf("err %v; want the hedged GET answered", err)
	}
}
