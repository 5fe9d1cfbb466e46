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

// TestStoreKeepsNoBackupAnswerOfItsURLSecret: the store keys an answer by
// the call's first URL and credential partition, whichever URL answered.
// A backup URL carrying its caller's own secret in its query (alice's
// ?access_token=, her signature), on the client's origin or another, got
// an answer made for that secret: it is not written, so bob, whose call
// has the same first URL and no credential header either, is not answered
// with alice's data from the store; so is one with her session behind an
// escaped ';' or '=' in its path. A backup without a secret of its own is
// kept as before.
func TestStoreKeepsNoBackupAnswerOfItsURLSecret(t *testing.T) {
	answer := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, session, _ := strings.Cut(strings.ToLower(r.URL.Path), ";jsessionid=") // as a filter on the decoded path reads it
		fmt.Fprintf(w, `{"v":"1","for":%q}`, r.URL.Query().Get("access_token")+r.URL.Query().Get("sig")+session)
	}
	api := httptest.NewServer(http.HandlerFunc(answer))
	defer api.Close()
	mirror := httptest.NewServer(http.HandlerFunc(answer))
	defer mirror.Close()
	accept := func(*client.Response) bool { return true }
	cases := []struct{ name, backup string }{
		{"same origin, access_token", api.URL + "/mirror?access_token="},
		{"other origin, sig", mirror.URL + "/mirror?page=2&sig="},
		{"path session", mirror.URL + "/mirror;jsessionid="},
	}
	// A session behind an escaped ';' or '=', which a server reading the
	// decoded path (r.URL.Path) takes for ";jsessionid=<user>".
	for _, backup := range []string{"/mirror%3Bjsessionid=", "/mirror%3bJSESSIONID=", "/a;x=1/mirror;jsessionid%3D"} {
		for _, origin := range []string{api.URL, mirror.URL} {
			cases = append(cases, struct{ name, backup string }{"escaped path session", origin + backup})
		}
	}
	for _, tc := range cases {
		c := client.New(client.WithBaseURL(api.URL))
		for _, user := range []string{"alice", "bob"} {
			r, err := c.Request(context.Background(), client.Option{URL: "/feed", Mode: client.ModeCORS,
				RetryTimes: client.NoRetry, Backup: []string{tc.backup + user}, UseStore: true, StoreCheck: accept})
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.name, user, err)
			}
			if want := `"for":"` + user + `"`; !strings.Contains(string(r.Raw), want) {
				t.Errorf("%s: %s got %s (from the store: %v); want its own backup's answer", tc.name, user, r.Raw, r.FromStore)
			}
		}
	}

	// A backup with no secret of its own is written, and answers the next call.
	c := client.New(client.WithBaseURL(api.URL))
	for i, want := range []bool{false, true} {
		r, err := c.Request(context.Background(), client.Option{URL: "/feed", RetryTimes: client.NoRetry,
			Backup: []string{api.URL + "/mirror?page=2"}, UseStore: true, StoreCheck: accept})
		if err != nil || r.FromStore != want {
			t.Errorf("call %d: FromStore %v, err %v; want %v", i+1, r.FromStore, err, want)
		}
	}
}

// TestStoreKeepsBackupAnswerOfTheFirstURLsSecret: a backup URL whose
// secret is the call's first URL's own (the same ?access_token= or
// ;jsessionid=, which key the entry: its user's alone) did not add one, and
// its answer is written as any backup's is; one whose session is another
// than the first URL's is not.
func TestStoreKeepsBackupAnswerOfTheFirstURLsSecret(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/feed") {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, `{"v":%q}`, r.URL.EscapedPath()+"?"+r.URL.RawQuery)
	}))
	defer api.Close()
	accept := func(*client.Response) bool { return true }
	for _, tc := range []struct {
		name, url, backup string
		stored            bool
	}{
		{"query, the same token", "/feed?access_token=alice", "/mirror?page=2&access_token=alice", true},
		{"path, the same session", "/feed;jsessionid=alice", "/mirror;jsessionid=alice", true},
		{"path, the same session, escaped alike", "/feed/a%20b;jsessionid=alice", "/mirror/a%20b;jsessionid=alice", true},
		{"path, the same session, escaped in the backup", "/feed;jsessionid=alice", "/mirror%3Bjsessionid=alice", true},
		{"path, another session", "/feed;jsessionid=alice", "/mirror;jsessionid=bob", false},
		{"path, one more session", "/feed;jsessionid=alice", "/mirror;jsessionid=alice/x;sid=bob", false},
	} {
		c := client.New(client.WithBaseURL(api.URL))
		for i, want := range []bool{false, tc.stored} {
			r, err := c.Request(context.Background(), client.Option{URL: tc.url, RetryTimes: client.NoRetry,
				Backup: []string{api.URL + tc.backup}, UseStore: true, StoreCheck: accept})
			if err != nil || r.FromStore != want {
				t.Errorf("%s: call %d: FromStore %v, err %v; want %v", tc.name, i+1, r.FromStore, err, want)
			}
		}
	}
}
