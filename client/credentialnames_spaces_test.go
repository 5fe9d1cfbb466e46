package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A WithCredentialHeaders name read from a list ("X-Workspace, X-Shard")
// keeps the space around it: it names the header all the same, so the
// header stays on its origin. Before, " X-Shard" matched no header, and
// the shard's value went to the backup on another origin.
func TestCredentialHeaderNamesAreTrimmed(t *testing.T) {
	var a, b hdrLog
	down := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { a.add(r); w.WriteHeader(503) })
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { b.add(r); w.Write([]byte(`{}`)) })
	names := strings.Split("X-Workspace, X-Shard\t,\n", ",")
	for _, names := range [][]string{names, {"X-Workspace, X-Shard"}} { // split, or the list as one string
		a.reset()
		b.reset()
		checkCredentialNames(t, names, down.URL, other.URL, &a, &b)
	}
}

func checkCredentialNames(t *testing.T, names []string, down, other string, a, b *hdrLog) {
	t.Helper()
	c := client.New(client.WithCredentialHeaders(names...))
	resp, err := c.Request(context.Background(), client.Option{
		URL: down, Backup: []string{other}, Mode: client.ModeCORS, RetryTimes: client.NoRetry, Timeout: time.Second,
		Header: http.Header{"X-Workspace": {"ws-secret"}, "X-Shard": {"shard-secret"}},
	})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("err = %v, status %d", err, resp.StatusCode)
	}
	if got := a.all(); len(got) != 1 || got[0].Header.Get("X-Shard") != "shard-secret" {
		t.Fatalf("the first origin got %d request(s) or no X-Shard", len(got))
	}
	for _, r := range b.all() {
		for _, k := range []string{"X-Workspace", "X-Shard"} {
			if v := r.Header.Get(k); v != "" {
				t.Errorf("the backup on another origin got %s: %s", k, v)
			}
		}
	}
}

// A name that is no header name (a CR, LF or space inside) protects
// nothing: every call, and the Transport, fail with ErrInvalidOption
// naming it, before any I/O.
func TestCredentialHeaderNameThatIsNoNameIsRefused(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{}`))
	for _, name := range []string{"X-A\r\nX-Injected", "X Tenant", "X-A\x00"} {
		c := client.New(client.WithCredentialHeaders("X-Workspace", name))
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL})
		if !errors.Is(err, client.ErrInvalidOption) || !strings.Contains(err.Error(), "WithCredentialHeaders") || resp == nil {
			t.Errorf("%q: err = %v, want ErrInvalidOption naming WithCredentialHeaders", name, err)
		}
		req, _ := http.NewRequest("GET", srv.URL, nil)
		if _, err := (&http.Client{Transport: c.Transport()}).Do(req); !errors.Is(err, client.ErrInvalidOption) {
			t.Errorf("%q: through Transport: err = %v, want ErrInvalidOption", name, err)
		}
	}
	if n := srv.count.Load(); n != 0 {
		t.Errorf("%d request(s) sent", n)
	}
}
