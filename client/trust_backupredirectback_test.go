package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
)

// backupRedirectBack is a primary that fails /p and a backup of another
// origin that redirects every request to the primary's /admin/delete, a
// URL of the backup's choosing; it records what each origin got.
func backupRedirectBack(t *testing.T) (primary, backupURL string, got func() []string) {
	var mu sync.Mutex
	var seen []string
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, "primary "+r.URL.Path+" ["+r.Header.Get("Authorization")+r.Header.Get("X-Api-Key")+"]")
		mu.Unlock()
		if r.URL.Path == "/p" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(p.Close)
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, "backup "+r.URL.Path+" ["+r.Header.Get("Authorization")+r.Header.Get("X-Api-Key")+"]")
		mu.Unlock()
		http.Redirect(w, r, p.URL+"/admin/delete", http.StatusFound)
	}))
	t.Cleanup(b.Close)
	return p.URL, b.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// A backup of another origin, which gets no credential header, cannot have
// the caller's credentials sent to a URL of its choosing on the primary's
// origin by redirecting there: the chain left the first origin when the
// backup answered, as fetch deletes them at a cross-origin hop.
func TestBackupRedirectToPrimaryCarriesNoCredentials(t *testing.T) {
	primary, bu, got := backupRedirectBack(t)
	c := client.New()
	res, err := c.Request(context.Background(), client.Option{URL: primary + "/p", Backup: []string{bu + "/p"},
		Header:     http.Header{"Authorization": {"Bearer alice"}, "X-Api-Key": {"k"}},
		RetryTimes: client.NoRetry, Mode: client.ModeCORS})
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%d %v", res.StatusCode, err)
	}
	want := []string{"primary /p [Bearer alicek]", "backup /p []", "primary /admin/delete []"}
	if g := got(); len(g) != len(want) || g[0] != want[0] || g[1] != want[1] || g[2] != want[2] {
		t.Errorf("got %q, want %q", g, want)
	}
}

// The same through a plain http.Client over the client's Transport with
// its CheckRedirect (the bottom layer sees the backup's mark on the chain).
func TestPlainClientBackupRedirectToPrimaryCarriesNoCredentials(t *testing.T) {
	primary, bu, got := backupRedirectBack(t)
	c := client.New(client.WithBackup(backup.WithURLs(bu+"/p")), client.WithRetry(retry.WithRetryTimes(0)))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest(http.MethodGet, primary+"/p", nil)
	req.Header.Set("Authorization", "Bearer alice")
	req.Header.Set("X-Api-Key", "k")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	g := got()
	if len(g) == 0 || g[len(g)-1] != "primary /admin/delete []" {
		t.Errorf("got %q, want the last request to /admin/delete without credentials", g)
	}
}
