package backup_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/backup"
)

// A plain http.Client's request whose body cannot be sent again (no
// GetBody: an io.Reader net/http does not know) goes to no backup, and the
// primary's failed answer is the response the caller gets (err == nil, the
// status to read), as the retry layer returns it: it was closed and an
// error saying the backup could not be sent took its place.
func TestPlainUnreplayableBodyKeepsPrimaryAnswer(t *testing.T) {
	var backups atomic.Int32
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		backups.Add(1)
		_, _ = io.WriteString(w, "b")
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, _ := io.ReadAll(r.Body); string(body) != "hello" {
			t.Errorf("primary got body %q", body)
		}
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, "primary failed")
	}))
	defer a.Close()
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL))}
	req, _ := http.NewRequest("PUT", a.URL+"/x", io.MultiReader(strings.NewReader("hello")))
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("err = %v, want the primary's 500 response", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || string(body) != "primary failed" {
		t.Errorf("got %d %q, want the primary's 500", resp.StatusCode, body)
	}
	if n := backups.Load(); n != 0 {
		t.Errorf("backup sent %d times, want 0", n)
	}

	// A body that can be sent again still fails over.
	req, _ = http.NewRequest("PUT", a.URL+"/x", strings.NewReader("hello"))
	resp, err = hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || backups.Load() != 1 {
		t.Errorf("replayable body: status %d, backups %d; want 200 from the backup", resp.StatusCode, backups.Load())
	}
}
