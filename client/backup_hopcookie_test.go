package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestBackupAfterCrossOriginHopHasTheCallsCookie: the primary on the
// client's origin A redirects to C, which fails; the backup on A is a new
// request of the call with the call's credential headers (README, Backup),
// its Cookie as much as its Authorization: it went without it, where a
// backup of the same call whose primary failed without a redirect had it.
// The jar's cookies for A go with it once, after the call's own, as on
// any request of the call; with no Cookie of the call's, the jar's alone.
// With the client's HTTP cache too, which hands up its own request as the
// answer's (the jar's cookies on record, its Cookie field the call's
// alone): the backup went with the jar's cookies only.
func TestBackupAfterCrossOriginHopHasTheCallsCookie(t *testing.T) {
	for _, cache := range []bool{false, true} {
		t.Run(map[bool]string{false: "no cache", true: "HTTP cache"}[cache], func(t *testing.T) { backupAfterHopHasCallsCookie(t, cache) })
	}
}

func backupAfterHopHasCallsCookie(t *testing.T, cache bool) {
	var mu sync.Mutex
	var got []string // the Cookie fields of the backup's requests
	var cURL string
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "jar", Value: "a-session", Path: "/"})
		case "/toC":
			http.Redirect(w, r, cURL+"/fail", http.StatusFound)
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/backup":
			mu.Lock()
			got = append(got, strings.Join(r.Header.Values("Cookie"), " | "))
			mu.Unlock()
			_, _ = w.Write([]byte(`{}`))
		}
	}))
	defer a.Close()
	c := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer c.Close()
	cURL = c.URL

	opts := []client.ClientOption{client.WithBaseURL(a.URL)}
	if cache {
		opts = append(opts, client.WithHTTPCache())
	}
	cl := client.New(opts...)
	defer cl.CloseIdleConnections()
	ctx := context.Background()
	if _, err := cl.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		creds  client.Credentials
		cookie []string // the call's Cookie header
		want   string
	}{
		{client.CredentialsOmit, []string{"sid=u1"}, "sid=u1"},
		{client.CredentialsInclude, []string{"sid=u1"}, "sid=u1; jar=a-session"},
		{client.CredentialsInclude, []string{"sid=u1", "x=2"}, "sid=u1; x=2; jar=a-session"},
		{client.CredentialsInclude, nil, "jar=a-session"},
	} {
		for _, primary := range []string{"/fail", "/toC"} {
			h := http.Header{"Authorization": {"Bearer u1"}}
			if tc.cookie != nil {
				h["Cookie"] = tc.cookie
			}
			mu.Lock()
			got = nil
			mu.Unlock()
			r, err := cl.Request(ctx, client.Option{URL: primary, Mode: client.ModeCORS, Credentials: tc.creds, Header: h,
				RetryTimes: client.NoRetry, Backup: []string{a.URL + "/backup"}})
			if err != nil || r.URL != a.URL+"/backup" {
				t.Fatalf("%s %s: got %v, %v; want the backup's answer", tc.creds, primary, r, err)
			}
			mu.Lock()
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("%s, call's Cookie %q, primary %s: the backup on A got Cookie %q, want %q", tc.creds, tc.cookie, primary, got, tc.want)
			}
			mu.Unlock()
		}
	}
}
