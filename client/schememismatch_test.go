package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// An https URL whose server speaks plain HTTP fails as an http.Client has
// it, with http.ErrSchemeMismatch ("server gave HTTP response to HTTPS
// client"), not with the TLS layer's "first record does not look like a
// TLS handshake"; and it is not retried: the server would answer so again.
// Through a backup that fails too, the error still says so.
func TestAnHTTPServerOnAnHTTPSURLIsASchemeMismatch(t *testing.T) {
	var hits atomic.Int32
	plain := func() string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		t.Cleanup(srv.Close)
		return strings.Replace(srv.URL, "http://", "https://", 1)
	}
	a, b := plain(), plain()
	c := client.New()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	resp, err := c.Request(ctx, client.Option{URL: a + "/x"})
	if !errors.Is(err, http.ErrSchemeMismatch) || !strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
		t.Errorf("err = %v, want http.ErrSchemeMismatch", err)
	}
	if resp.Attempts != 1 {
		t.Errorf("%d attempts, want 1: a scheme mismatch was retried", resp.Attempts)
	}

	resp, err = c.Request(ctx, client.Option{URL: a + "/x", Backup: []string{b + "/y"}, Mode: client.ModeCORS})
	if !errors.Is(err, http.ErrSchemeMismatch) || !errors.Is(err, backup.ErrExhausted) {
		t.Errorf("with a backup: err = %v, want http.ErrSchemeMismatch and backup.ErrExhausted", err)
	}
	if resp.Attempts != 2 {
		t.Errorf("with a backup: %d attempts, want 2", resp.Attempts)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("a handler ran %d times", n)
	}
}

// TestTransportReportsSchemeMismatch: an https URL answered by a plain
// HTTP server is http.ErrSchemeMismatch ("server gave HTTP response to
// HTTPS client") to a plain http.Client over c.Transport(), as over a bare
// transport and through the client's own calls: the http.Client asserts
// the RoundTripper's error is a tls.RecordHeaderError to say so, which the
// redacting wrapper hid.
func TestTransportReportsSchemeMismatch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	u := "https://" + strings.TrimPrefix(srv.URL, "http://") + "/me"
	c := client.New()
	defer c.CloseIdleConnections()
	_, err := (&http.Client{Transport: c.Transport()}).Get(u)
	if !errors.Is(err, http.ErrSchemeMismatch) {
		t.Fatalf("err %v; want http.ErrSchemeMismatch", err)
	}
	if _, err := c.Request(t.Context(), client.Option{URL: u}); !errors.Is(err, http.ErrSchemeMismatch) {
		t.Fatalf("client's call: err %v; want http.ErrSchemeMismatch", err)
	}
}
