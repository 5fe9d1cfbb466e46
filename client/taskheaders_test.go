package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// headerLog collects what a Task's header listener hears.
type headerLog struct {
	mu  sync.Mutex
	got []client.Headers
}

func (l *headerLog) add(h client.Headers) { l.mu.Lock(); l.got = append(l.got, h); l.mu.Unlock() }

func (l *headerLog) all() []client.Headers {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]client.Headers(nil), l.got...)
}

// An interceptor that fetches a token with its ctx makes a call of its own:
// the Task's listeners hear of the Task's request only, not of the token
// endpoint's headers.
func TestTaskListenersHearNotAnInterceptorsOwnCall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/token" {
			w.Header().Set("X-Service-Token", "svc-s3cret")
			w.Write([]byte(`{"token":"svc-s3cret"}`))
			return
		}
		w.Header().Set("X-Own", "yes")
		w.Write([]byte(`{"user":"data"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	registered := make(chan struct{})
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if opt.URL == "/token" {
			return proceed(ctx, opt)
		}
		<-registered
		tok, err := c.Request(ctx, client.Option{URL: "/token"})
		if err != nil {
			return nil, err
		}
		opt.Header = http.Header{"Authorization": {"Bearer " + tok.Data.(map[string]any)["token"].(string)}}
		return proceed(ctx, opt)
	})
	var log headerLog
	task := c.Go(context.Background(), client.Option{URL: "/me"})
	task.OnHeadersReceived(log.add)
	close(registered)
	if _, err := task.Wait(); err != nil {
		t.Fatal(err)
	}
	got := log.all()
	if len(got) != 1 || got[0].Header.Get("X-Own") != "yes" || got[0].Header.Get("X-Service-Token") != "" {
		t.Fatalf("the listener heard %d header sets %v; want the task's own answer only", len(got), got)
	}
}

// A no-cors answer from another origin is opaque to the Task's listeners
// too: status 0, no header.
func TestTaskListenersGetNoCORSAnswersOpaque(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Secret-Of-Other-Origin", "s3cret")
		w.WriteHeader(http.StatusTeapot)
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	var log headerLog
	started := make(chan struct{})
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		<-started
		return proceed(ctx, opt)
	})
	task := c.Go(context.Background(), client.Option{URL: other.URL + "/x", Mode: client.ModeNoCORS})
	task.OnHeadersReceived(log.add)
	close(started)
	resp, err := task.Wait()
	if err != nil || resp.StatusCode != 0 {
		t.Fatalf("status %d, err %v; want an opaque success", resp.StatusCode, err)
	}
	for _, h := range log.all() {
		if h.StatusCode != 0 || len(h.Header) != 0 {
			t.Fatalf("the listener heard status %d, header %v; want 0 and none", h.StatusCode, h.Header)
		}
	}
	if len(log.all()) == 0 {
		t.Fatal("the listener heard nothing; want the opaque answer announced")
	}
}

// DataCheck and StoreCheck see a no-cors answer as the caller does: no
// status, header or data of the other origin's.
func TestChecksGetNoCORSAnswersOpaque(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Secret-Of-Other-Origin", "s3cret")
		w.Write([]byte(`{"hidden":"data"}`))
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	var seen []*client.Response
	look := func(r *client.Response) bool { seen = append(seen, r); return true }
	opt := client.Option{URL: other.URL + "/x", Mode: client.ModeNoCORS, DataCheck: look, UseStore: true, StoreCheck: look}
	for i := 0; i < 2; i++ { // the second is answered from the store
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) < 2 {
		t.Fatalf("the checks ran %d times; want the DataCheck and the StoreCheck", len(seen))
	}
	for _, r := range seen {
		if r.StatusCode != 0 || len(r.Header) != 0 || r.Data != nil || len(r.Raw) != 0 {
			t.Fatalf("a check saw status %d, header %v, data %v, raw %q; want an opaque answer",
				r.StatusCode, r.Header, r.Data, r.Raw)
		}
	}
}

// Taro's sign check (StoreCheckKey, StoreSign) cannot read a no-cors body
// either: whether the store answers never depends on what it holds.
func TestStoreSignReadsNoNoCORSBody(t *testing.T) {
	var n atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Write([]byte(`{"v":"7"}`))
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	for _, sign := range []string{"7", "7", "8"} {
		if _, err := c.Request(context.Background(), client.Option{URL: other.URL + "/x", Mode: client.ModeNoCORS,
			UseStore: true, StoreCheckKey: "v", StoreSign: sign}); err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != 3 {
		t.Fatalf("the server got %d requests; want 3 (a matching sign must not be told from another)", n.Load())
	}
}

// As the README says, a header listener hears an attempt whose body broke
// after its headers arrived (heard when they did, before the retry), and
// then the retry's answer: a 200 cut mid-body, retried, is heard twice.
func TestTaskListenerHearsAnAttemptWhoseBodyBroke(t *testing.T) {
	registered := make(chan struct{})
	cut := faultserver.CloseMidBody()
	srv := faultserver.New(t, faultserver.Then(1, func(w http.ResponseWriter, r *http.Request) {
		<-registered // the listener is on before the first headers go out
		cut(w, r)
	}, faultserver.OK(`"ok"`)))
	c := client.New(client.WithBaseURL(srv.URL))
	var heard atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	task := c.Go(ctx, client.Option{URL: "/", Success: func(*client.Response) {}})
	task.OnHeadersReceived(func(h client.Headers) {
		if h.StatusCode == 200 {
			heard.Add(1)
		}
	})
	close(registered)
	resp, err := task.Wait()
	if err != nil || resp.Data != "ok" || resp.Attempts != 2 || srv.Count() != 2 {
		t.Fatalf("resp %+v, err %v, server saw %d", resp, err, srv.Count())
	}
	if n := heard.Load(); n != 2 {
		t.Errorf("listener heard %d answers, want 2 (the broken one and the retry's)", n)
	}
}

// A Task's header listeners are called in the order they were registered,
// as Taro's onHeadersReceived listeners (and the Task's chunk listeners)
// are, also after one of them was removed: they were kept in a map, whose
// iteration order Go randomises, so a listener registered first often ran
// after later ones.
func TestHeadersListenersRunInRegistrationOrder(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("{}"))
	}))
	defer srv.Close()
	for range 20 {
		release := make(chan struct{})
		c := client.New()
		c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
			<-release // the listeners are all registered before the answer
			return p(ctx, o)
		})
		task := c.Go(context.Background(), client.Option{URL: srv.URL})
		var order []int
		ids := make([]int, 6)
		for j := range ids {
			ids[j] = task.OnHeadersReceived(func(client.Headers) { order = append(order, j) })
		}
		task.OffHeadersReceived(ids[2])
		close(release)
		if _, err := task.Wait(); err != nil {
			t.Fatal(err)
		}
		c.CloseIdleConnections()
		if got := fmt.Sprint(order); got != "[0 1 3 4 5]" {
			t.Fatalf("listeners called in the order %s, want [0 1 3 4 5]", got)
		}
	}
}
