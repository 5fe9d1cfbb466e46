package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A plain http.Client's PUT over c.Transport() that a backup answered
// (backup.WithURLs in WithLayers) invalidates the primary URL's cached GET,
// as a call's does (f4b4a4b): the next GET does not get the list as it was
// before the write.
func TestPlainClientBackupWriteInvalidatesPrimaryURL(t *testing.T) {
	var items atomic.Int32
	var primaryDown atomic.Bool
	list := func(w http.ResponseWriter) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, strings.Repeat("item;", int(items.Load())))
	}
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if primaryDown.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		list(w)
	}))
	defer primary.Close()
	mirror := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			items.Add(1)
			w.WriteHeader(http.StatusCreated)
			return
		}
		list(w)
	}))
	defer mirror.Close()
	c := client.New(client.WithLayers(
		backup.Middleware(backup.WithURLs(mirror.URL+"/items")),
		httpcache.Middleware(),
	))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	get := func() string {
		resp, err := hc.Get(primary.URL + "/items")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get(); got != "" {
		t.Fatalf("first GET: %q", got)
	}
	primaryDown.Store(true)
	req, _ := http.NewRequest(http.MethodPut, primary.URL+"/items", strings.NewReader("x"))
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("PUT: %d, want the mirror's 201", resp.StatusCode)
	}
	primaryDown.Store(false)
	if got := get(); got != "item;" {
		t.Errorf("GET after the mirror's write: %q, want the new item (the primary's cached list answered)", got)
	}
}
