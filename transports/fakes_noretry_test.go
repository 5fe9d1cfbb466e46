package transports_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

// A fake with nothing for a request (no script, a NoRepeat script run out,
// no recorded exchange) fails so on every retry: its error matches
// middleware.ErrNoRetry, so the client neither waits out its backoff on
// the same URL nor counts the misses, and a backup URL that has a script
// is tried at once.
func TestFakesMissesAreNotRetried(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	s := transports.NewScripted()
	s.On("GET", "https://backup.test/x").Respond(200, `{"ok":true}`)
	c := client.New(client.WithTransport(s), client.WithRetry())
	start := time.Now()
	_, err := c.Request(ctx, client.Option{URL: "https://api.test/nothing", Mode: client.ModeCORS})
	if !errors.Is(err, transports.ErrNoScript) || !errors.Is(err, middleware.ErrNoRetry) {
		t.Fatalf("err %v, want ErrNoScript and ErrNoRetry", err)
	}
	if n := s.Count("GET", "https://api.test/nothing"); n != 1 {
		t.Errorf("unscripted URL asked %d times, want 1", n)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v: waited out a backoff", d)
	}
	resp, err := c.Request(ctx, client.Option{URL: "https://api.test/other", Backup: []string{"https://backup.test/x"}, Mode: client.ModeCORS})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("with a scripted backup: %v, status %d", err, resp.StatusCode)
	}
	if n := s.Count("GET", "https://api.test/other"); n != 1 {
		t.Errorf("unscripted primary asked %d times before the backup, want 1", n)
	}

	ns := transports.NewScripted(transports.NoRepeat())
	ns.On("GET", "https://api.test/once").Respond(503, "")
	c = client.New(client.WithTransport(ns))
	_, err = c.Request(ctx, client.Option{URL: "https://api.test/once", Mode: client.ModeCORS})
	if !errors.Is(err, transports.ErrExhausted) || ns.Count("GET", "https://api.test/once") != 2 {
		t.Errorf("NoRepeat script: err %v after %d requests, want ErrExhausted after 2", err, ns.Count("GET", "https://api.test/once"))
	}

	p, err := transports.NewReplayer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&http.Client{Transport: client.New(client.WithTransport(p)).Transport()}).Get("https://api.test/unrecorded")
	if !errors.Is(err, transports.ErrNotRecorded) || !errors.Is(err, middleware.ErrNoRetry) {
		t.Errorf("replayer: err %v, want ErrNotRecorded and ErrNoRetry", err)
	}
}
