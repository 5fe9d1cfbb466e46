package store_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/store"
)

type backupUserKey struct{}

// TestPlainBackupWithInnerQueryTokenIsNotWritten: a plain http.Client's
// chain store → backup → a layer that puts the user of the request's
// context in the query as access_token. The primary fails for everyone and
// the backup answers alice with her data: sent to another URL than the
// backup's (her token in its query), it is hers, not the data of the key's
// partition (no credentials), which bob's request shares. It was written,
// a backup's answer being compared by its credential headers alone, and
// bob was answered alice's data from the store. A backup's answer that
// no layer changed is still written.
func TestPlainBackupWithInnerQueryTokenIsNotWritten(t *testing.T) {
	var backups atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/b" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		backups.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]string{"who": r.URL.Query().Get("access_token")})
	}))
	defer srv.Close()
	token := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if u, ok := req.Context().Value(backupUserKey{}).(string); ok {
				req = req.Clone(req.Context())
				q := req.URL.Query()
				q.Set("access_token", u)
				req.URL.RawQuery = q.Encode()
			}
			return next.RoundTrip(req)
		})
	}
	st := store.NewMemory()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: middleware.Chain(tr,
		store.Middleware(st, store.WithCheck(func(*http.Response, []byte) bool { return true })),
		backup.Middleware(backup.WithURLs(srv.URL+"/b")),
		token,
	)}
	get := func(user string) string {
		ctx, path := context.WithValue(context.Background(), backupUserKey{}, user), "/a"
		if user == "" {
			ctx, path = context.Background(), "/open" // no token added
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]string
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatalf("%s: status %d: %v", user, resp.StatusCode, err)
		}
		return m["who"]
	}
	if who := get("alice"); who != "alice" {
		t.Fatalf("alice got %q's data", who)
	}
	if who := get("bob"); who != "bob" {
		t.Errorf("bob got %q's data: the backup's answer to alice was stored under the key bob shares", who)
	}
	// A backup's answer the layer below left as it was is written, and
	// answers the next request.
	get("")
	n := backups.Load()
	get("")
	if backups.Load() != n {
		t.Error("a backup's answer sent as the backup layer made it was not stored")
	}
}
