package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// bodySink records the bodies an origin gets.
type bodySink struct {
	mu     sync.Mutex
	bodies []string
}

func (s *bodySink) add(r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
}

func (s *bodySink) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bodies...)
}

// An interceptor that proceeds again (a token refresh after a 401) sends an
// io.Reader's body whole the second time too.
func TestReaderBodyProceedAgain(t *testing.T) {
	var sink bodySink
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	refresh := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			opt.Header = http.Header{"Authorization": {"Bearer fresh"}}
			return proceed(ctx, opt)
		}
		return resp, err
	}
	c := client.New(client.WithInterceptors(refresh))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/orders", Method: "POST",
		Data: strings.NewReader(`{"item":42}`)})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", resp.StatusCode, err)
	}
	if got := sink.all(); len(got) != 2 || got[0] != `{"item":42}` || got[1] != `{"item":42}` {
		t.Errorf("bodies sent: %q", got)
	}
}

// A body streamed because it is over the buffer bound cannot be sent a
// second time: the second proceed fails, nothing empty is sent.
func TestReaderBodyStreamedNotSentAgain(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	twice := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if _, err := proceed(ctx, opt); err != nil {
			return nil, err
		}
		return proceed(ctx, opt)
	}
	c := client.New(client.WithInterceptors(twice), client.WithMaxRequestBuffer(4))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: strings.NewReader("0123456789")})
	if !errors.Is(err, encoders.ErrNotReplayable) {
		t.Errorf("err %v, want ErrNotReplayable", err)
	}
	if got := sink.all(); len(got) != 1 || got[0] != "0123456789" {
		t.Errorf("bodies sent: %q", got)
	}
}

// An event stream that reconnects sends an io.Reader's body whole on every
// connection (an LLM completion's prompt).
func TestEventsReconnectSendsReaderBody(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("retry: 10\nid: 1\ndata: hi\n\n"))
	}))
	defer srv.Close()
	c := client.New()
	n := 0
	for _, err := range c.Events(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: strings.NewReader(`{"prompt":"hi"}`)}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	got := sink.all()
	if len(got) < 2 {
		t.Fatalf("%d connections, want a reconnect", len(got))
	}
	for i, b := range got {
		if b != `{"prompt":"hi"}` {
			t.Errorf("connection %d sent %q", i+1, b)
		}
	}
}
