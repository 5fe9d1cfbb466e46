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

// TestBackupAfterCrossOriginHopHasTheCallsCookieWithHTTPCache: as
// TestBackupAfterCrossOriginHopHasTheCallsCookie, with the client's HTTP
// cache, which hands up its own request as the answer's (the jar's cookies
// on record, its Cookie field the call's alone): the backup on A after a
// hop to C that failed went with the jar's cookies only, without the
// call's session, where a backup after a primary that failed without a
// redirect had it.
func TestBackupAfterCrossOriginHopHasTheCallsCookieWithHTTPCache(t *testing.T) {
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

	cl := client.New(client.WithBaseURL(a.URL), client.WithHTTPCache())
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
			h := http.Header{}
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
