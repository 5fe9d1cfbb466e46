package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Client.Go returns before its request is built: the Header and Backup of
// the Option it was given were read later, on the Task's goroutine, so a
// caller that reused its header for the next call (another user's token)
// sent the first request with the second's credentials, and raced with the
// Task (go test -race). Taro's request reads its header when it is called;
// Go now copies them before it returns.
func TestGoCopiesHeaderAndBackup(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.URL.Path] += r.Header.Get("Authorization")
		mu.Unlock()
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	defer srv.Close()
	release := make(chan struct{})
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(
		func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
			<-release // the caller has changed its header and backups by then
			return p(ctx, o)
		}))
	defer c.CloseIdleConnections()
	h := http.Header{"Authorization": {"Bearer A"}}
	backups := []string{srv.URL + "/a-backup"}
	opt := client.Option{URL: "/down", Header: h, Backup: backups, RetryTimes: client.NoRetry}
	taskA := c.Go(context.Background(), opt)
	h.Set("Authorization", "Bearer B")
	backups[0] = srv.URL + "/b-backup"
	close(release)
	resp, err := taskA.Wait()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, err %v", resp.StatusCode, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got["/down"] != "Bearer A" || got["/a-backup"] != "Bearer A" || got["/b-backup"] != "" {
		t.Fatalf("the Task's request went with what the caller set after Go: %q", got)
	}
}

// Go copies a Data the caller fills and reuses, as it copies the Header: a
// []byte body, a url.Values or a map query, changed after Go returned, are
// sent as they were when Go was called.
func TestGoCopiesData(t *testing.T) {
	srv := newRecorder(t, nil)
	defer srv.Close()
	release := make(chan struct{})
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(
		func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
			<-release
			return p(ctx, o)
		}))
	defer c.CloseIdleConnections()
	body := []byte(`{"user":"A"}`)
	values := url.Values{"user": {"A"}}
	query := map[string]any{"user": "A"}
	tasks := []*client.Task{
		c.Go(context.Background(), client.Option{URL: "/b", Method: "POST", Data: body}),
		c.Go(context.Background(), client.Option{URL: "/v", Data: values}),
		c.Go(context.Background(), client.Option{URL: "/m", Data: query}),
	}
	copy(body, `{"user":"B"}`)
	values["user"][0] = "B"
	query["user"] = "B"
	close(release)
	for _, task := range tasks {
		if _, err := task.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	srv.mu.Lock()
	for _, r := range srv.reqs {
		got = append(got, r.RawQuery+"|"+string(r.Body))
	}
	srv.mu.Unlock()
	slices.Sort(got)
	if want := []string{`user=A|`, `user=A|`, `|{"user":"A"}`}; !slices.Equal(got, want) {
		t.Errorf("the Tasks' requests went with %q, want %q (what the caller had when it called Go)", got, want)
	}
}

// TestGoSendsANilDataAsRequestDoes: Go's copy of a Data that is a nil
// url.Values is nil too, so a POST of it goes as Request's does, with no
// body: the copy was an empty url.Values made afresh, which the JSON
// encoder sent as "{}", application/json.
func TestGoSendsANilDataAsRequestDoes(t *testing.T) {
	var mu sync.Mutex
	var got []string
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Header.Get("Content-Type")+" "+string(b))
		mu.Unlock()
	}))
	defer s.Close()
	cl := client.New(client.WithBaseURL(s.URL))
	defer cl.CloseIdleConnections()
	opt := client.Option{URL: "/x", Method: http.MethodPost, Data: url.Values(nil), RetryTimes: client.NoRetry}
	if _, err := cl.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	task := cl.Go(context.Background(), opt)
	<-task.Done()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] != got[1] {
		t.Errorf("Request then Go sent (Content-Type and body) %q, want the same twice", got)
	}
}
