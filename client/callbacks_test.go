package client_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

func TestCallbacksOnceInOrder(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{"a":1}`))
	var events []string
	var gotResp *client.Response
	opt := client.Option{
		URL:      srv.URL,
		Success:  func(r *client.Response) { events = append(events, "success:"+r.ErrMsg); gotResp = r },
		Fail:     func(*client.Response, error) { events = append(events, "fail") },
		Complete: func(r *client.Response, err error) { events = append(events, "complete:"+r.ErrMsg) },
	}
	resp, err := client.New().Request(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(events, ",") != "success:request:ok,complete:request:ok" {
		t.Errorf("events %v", events)
	}
	if gotResp != resp {
		t.Error("Success got another response than Request returned")
	}
}

func TestTimeoutWhileReadingBody(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for i := 0; i < 50; i++ { // drips for up to 5 s
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
	var failErr error
	start := time.Now()
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Timeout: 300 * time.Millisecond,
		RetryTimes: client.NoRetry, Fail: func(_ *client.Response, err error) { failErr = err }})
	elapsed := time.Since(start)
	if err == nil || resp.ErrMsg != "request:fail timeout" || failErr != err || resp.StatusCode != 200 {
		t.Fatalf("err %v ErrMsg %q status %d", err, resp.ErrMsg, resp.StatusCode)
	}
	if elapsed < 300*time.Millisecond || elapsed > 2500*time.Millisecond { // unbounded: the 5 s drip
		t.Errorf("took %v, want about 300ms", elapsed)
	}
}

func TestInterceptors(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`"` + r.Header.Get("Authorization") + `"`))
	})
	c := client.New(client.WithBaseURL(srv.URL))
	var order []string
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		order = append(order, "outer")
		opt.Header = http.Header{"Authorization": {"Bearer old"}}
		resp, err := proceed(ctx, opt)
		if err == nil && resp.Data == "Bearer old" { // token refresh: try again with a new one
			opt.Header = http.Header{"Authorization": {"Bearer new"}}
			return proceed(ctx, opt)
		}
		return resp, err
	})
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		order = append(order, "inner")
		return proceed(ctx, opt)
	})
	var successes int
	resp, err := c.Request(context.Background(), client.Option{URL: "/", Success: func(*client.Response) { successes++ }})
	if err != nil || resp.Data != "Bearer new" {
		t.Fatalf("Data %v err %v", resp.Data, err)
	}
	if strings.Join(order, ",") != "outer,inner,inner" || srv.count.Load() != 2 || successes != 1 {
		t.Errorf("order %v, server saw %d, successes %d", order, srv.count.Load(), successes)
	}

	// An interceptor that answers by itself: no I/O.
	c.CleanInterceptors()
	cached := &client.Response{StatusCode: 200, Data: "cached"}
	c.AddInterceptor(func(context.Context, client.Option, client.Proceed) (*client.Response, error) { return cached, nil })
	resp, err = c.Request(context.Background(), client.Option{URL: "/"})
	if err != nil || resp.Data != "cached" || resp.ErrMsg != "request:ok" || srv.count.Load() != 2 {
		t.Errorf("Data %v ErrMsg %q err %v count %d", resp.Data, resp.ErrMsg, err, srv.count.Load())
	}
	if cached.ErrMsg != "" {
		t.Error("the interceptor's shared response was written to")
	}
}

func TestConcurrentUse(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"q":"` + r.URL.Query().Get("i") + `"}`))
	})
	c := client.New(client.WithBaseURL(srv.URL))
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			want := strings.Repeat("z", i)
			c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
				return p(ctx, o)
			})
			resp, err := c.Request(context.Background(), client.Option{URL: "/", Data: map[string]string{"i": want}})
			if err != nil {
				errs <- err.Error()
				return
			}
			if m, _ := resp.Data.(map[string]any); m["q"] != want {
				errs <- "wrong data"
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if srv.count.Load() != 32 {
		t.Errorf("server saw %d", srv.count.Load())
	}
}

// TestInterceptorSeesDefaults: an interceptor sees the values a zero
// Option means, not the zero values.
func TestInterceptorSeesDefaults(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{}`))
	var seen client.Option
	c := client.New(client.WithInterceptors(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		seen = opt
		return proceed(ctx, opt)
	}))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "get"}); err != nil {
		t.Fatal(err)
	}
	if seen.Method != "GET" || seen.DataType != client.DataTypeJSON || seen.ResponseType != client.ResponseTypeText ||
		seen.Mode != client.ModeSameOrigin || seen.Credentials != client.CredentialsOmit || seen.Cache != client.CacheDefault ||
		seen.Timeout != 2*time.Second || seen.RetryTimes != 2 {
		t.Errorf("interceptor saw %+v", seen)
	}
}
