package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestStoreKeepsNoBackupAnswerOfAnEscapedPathSession: a backup URL whose
// path carries its caller's session behind an escaped ';' or '='
// ("/mirror%3Bjsessionid=alice"), which a server reading the decoded path
// (r.URL.Path) takes for ";jsessionid=alice", got an answer made for that
// session. It was written under the call's first URL, which has none, and
// bob's next call with the same first URL read alice's answer from the
// store. It is not written now; a backup with the first URL's own session,
// escaped or not, still is.
func TestStoreKeepsNoBackupAnswerOfAnEscapedPathSession(t *testing.T) {
	answer := func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/feed") {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, session, _ := strings.Cut(strings.ToLower(r.URL.Path), ";jsessionid=") // as a filter on the decoded path reads it
		fmt.Fprintf(w, `{"for":%q}`, session)
	}
	api := httptest.NewServer(http.HandlerFunc(answer))
	defer api.Close()
	mirror := httptest.NewServer(http.HandlerFunc(answer))
	defer mirror.Close()
	accept := func(*client.Response) bool { return true }
	for _, backup := range []string{"/mirror%3Bjsessionid=", "/mirror%3bJSESSIONID=", "/a;x=1/mirror;jsessionid%3D"} {
		for _, origin := range []string{api.URL, mirror.URL} {
			c := client.New(client.WithBaseURL(api.URL))
			for _, user := range []string{"alice", "bob"} {
				r, err := c.Request(context.Background(), client.Option{URL: "/feed", Mode: client.ModeCORS,
					RetryTimes: client.NoRetry, Backup: []string{origin + backup + user}, UseStore: true, StoreCheck: accept})
				if err != nil {
					t.Fatalf("%s%s, %s: %v", origin, backup, user, err)
				}
				if want := `"for":"` + user + `"`; !strings.Contains(string(r.Raw), want) {
					t.Errorf("%s%s: %s got %s (from the store: %v); want its own backup's answer", origin, backup, user, r.Raw, r.FromStore)
				}
			}
		}
	}

	// The first URL's own session, escaped in the backup's path: written.
	c := client.New(client.WithBaseURL(api.URL))
	for i, want := range []bool{false, true} {
		r, err := c.Request(context.Background(), client.Option{URL: "/feed;jsessionid=alice", RetryTimes: client.NoRetry,
			Backup: []string{api.URL + "/mirror%3Bjsessionid=alice"}, UseStore: true, StoreCheck: accept})
		if err != nil || r.FromStore != want {
			t.Errorf("call %d: FromStore %v, err %v; want %v", i+1, r.FromStore, err, want)
		}
	}
}
