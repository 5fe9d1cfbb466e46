package client_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/transports"
)

// headerSink is an origin that records the values of one header it gets.
type headerSink struct {
	mu   sync.Mutex
	seen []string
}

func (s *headerSink) server(t *testing.T, name string, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, r.Header.Values(name)...)
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (s *headerSink) values() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

// setAuthorization is a layer that sets a credential on every request it
// sees, as an auth layer does.
func setAuthorization(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer layer-secret")
		return next.RoundTrip(r)
	})
}

// A background revalidation of a cached cross-origin redirect hop is a
// request to another origin than the call's first: what an inner layer
// sets is stripped from it as from the hop itself.
func TestBackgroundRevalidationOfCrossOriginHop(t *testing.T) {
	var sink headerSink
	var aURL string
	var hits atomic.Int32
	b := sink.server(t, "Authorization", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=0, stale-while-revalidate=60")
		http.Redirect(w, r, aURL+"/final", http.StatusFound)
	})
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path == "/start" {
			http.Redirect(w, r, b.URL+"/hop", http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	defer a.Close()
	aURL = a.URL
	c := client.New(client.WithHTTPCache(), client.WithInnerLayers(setAuthorization))
	for i := 0; i < 2; i++ {
		resp, err := c.Request(context.Background(), client.Option{URL: a.URL + "/start"})
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("round %d: %d %v", i, resp.StatusCode, err)
		}
	}
	// The first call's hop, then the second call's background revalidation.
	deadline := time.Now().Add(2 * time.Second)
	for hits.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := hits.Load(); n < 2 {
		t.Fatalf("origin B got %d requests, want the hop and a background revalidation", n)
	}
	if v := sink.values(); len(v) > 0 {
		t.Errorf("origin B got Authorization %q", v)
	}
}

// A plain http.Client over the client's Transport: a backup on another
// origin gets none of the client's credential headers.
func TestPlainBackupCustomCredentialHeader(t *testing.T) {
	var tenant, auth headerSink
	b := tenant.server(t, "X-Workspace", func(w http.ResponseWriter, r *http.Request) {
		auth.mu.Lock()
		auth.seen = append(auth.seen, r.Header.Values("Authorization")...)
		auth.mu.Unlock()
		_, _ = io.WriteString(w, "b")
	})
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }))
	defer a.Close()
	c := client.New(client.WithCredentialHeaders("X-Workspace"), client.WithBackup(backup.WithURLs(b.URL+"/b")))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest("GET", a.URL+"/a", nil)
	req.Header.Set("X-Workspace", "alice-tenant-secret")
	req.Header.Set("Authorization", "Bearer alice")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d, want the backup's 200", resp.StatusCode)
	}
	if v := append(tenant.values(), auth.values()...); len(v) > 0 {
		t.Errorf("backup origin B got %q", v)
	}
}

// A plain http.Client with the client's CheckRedirect: what the client's
// own layers set does not follow a redirect to another origin.
func TestPlainLayerCredentialsOnCrossOriginRedirect(t *testing.T) {
	for _, opt := range []client.ClientOption{client.WithOuterLayers(setAuthorization), client.WithInnerLayers(setAuthorization)} {
		var sink headerSink
		b := sink.server(t, "Authorization", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "b") })
		a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, b.URL+"/x", http.StatusFound)
		}))
		c := client.New(opt)
		hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
		resp, err := hc.Get(a.URL + "/a")
		a.Close()
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if v := sink.values(); len(v) > 0 {
			t.Errorf("origin B got Authorization %q", v)
		}
	}
}

// A plain http.Client: the client's WithCredentialHeaders names are
// redacted in log records and recordings as in the client's own calls.
func TestPlainLogAndRecorderRedactCredentialHeaders(t *testing.T) {
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Workspace", "resp-tenant-secret")
		_, _ = io.WriteString(w, "ok")
	}))
	defer a.Close()
	var buf bytes.Buffer
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	c := client.New(client.WithCredentialHeaders("X-Workspace"), client.WithTransport(rec),
		client.WithInnerLayers(reqlog.Middleware(slog.New(slog.NewTextHandler(&buf, nil)), reqlog.WithHeaders())))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest("GET", a.URL+"/a", nil)
	req.Header.Set("X-Workspace", "alice-tenant-secret")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(buf.String(), "X-Workspace") || strings.Contains(buf.String(), "tenant-secret") {
		t.Errorf("log: %s", buf.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatal("nothing recorded")
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if bytes.Contains(data, []byte("tenant-secret")) {
			t.Errorf("recording %s holds the X-Workspace value:\n%s", f, data)
		}
	}
}

// A plain http.Client: a backup on another origin that redirects within
// its own origin gets no credential on the hop either, whatever a layer
// sets (the hop's redirect chain starts at the backup's request).
func TestPlainBackupRedirectKeepsCredentialsOff(t *testing.T) {
	var sink headerSink
	var bURL string
	b := sink.server(t, "Authorization", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/b" {
			http.Redirect(w, r, bURL+"/x", http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, "b")
	})
	bURL = b.URL
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }))
	defer a.Close()
	c := client.New(client.WithInnerLayers(setAuthorization), client.WithBackup(backup.WithURLs(b.URL+"/b")))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	resp, err := hc.Get(a.URL + "/a")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if v := sink.values(); len(v) > 0 {
		t.Errorf("backup origin B got Authorization %q", v)
	}
}
