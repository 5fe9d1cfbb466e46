package backup_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/backup"
)

// A WithFailure rule that fails over on 5xx answers only (a plausible one:
// r != nil guards the error case) keeps an error as the URL's outcome: the
// request ends with that error, the backup not asked, and no panic. Before,
// the layer took the error for an answer and dereferenced its nil response
// (with backups, or with a fallback and none).
func TestWithFailureKeepingAnErrorEndsWithIt(t *testing.T) {
	var backupHits atomic.Int32
	bk := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		backupHits.Add(1)
		w.Write([]byte("backup"))
	}))
	t.Cleanup(bk.Close)
	// A primary that resets every connection, as toxiproxy's reset_peer does.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
		}
	}()
	only5xx := func(r *http.Response, err error) bool { return r != nil && r.StatusCode >= 500 }
	fallbackAsked := false
	for name, opts := range map[string][]backup.Option{
		"a backup":              {backup.WithURLs(bk.URL)},
		"a fallback, no backup": {backup.WithFallback(func(*http.Request, error) (*http.Response, bool) { fallbackAsked = true; return nil, false })},
	} {
		t.Run(name, func(t *testing.T) {
			hc := &http.Client{Transport: backup.New(nil, append(opts, backup.WithFailure(only5xx))...), Timeout: 5 * time.Second}
			resp, err := hc.Get("http://" + ln.Addr().String() + "/x")
			if err == nil {
				resp.Body.Close()
				t.Fatalf("got %d, want the primary's error", resp.StatusCode)
			}
			if n := backupHits.Load(); n != 0 {
				t.Fatalf("the backup was asked %d times for an error the rule does not fail over from", n)
			}
		})
	}
	// A primary's 503 fails over; the backup's error, which the rule keeps,
	// ends the request and says which URL it was.
	unavailable := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	t.Cleanup(unavailable.Close)
	resetURL := "http://" + ln.Addr().String() + "/y"
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(resetURL), backup.WithFailure(only5xx)), Timeout: 5 * time.Second}
	if resp, err := hc.Get(unavailable.URL); err == nil {
		resp.Body.Close()
		t.Errorf("got %d, want the backup's error", resp.StatusCode)
	} else if !strings.Contains(err.Error(), resetURL) {
		t.Errorf("the error does not name the backup that failed: %v", err)
	}
	if fallbackAsked {
		t.Error("the fallback was asked for an error the rule does not count as a failure")
	}
}
