package client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Backup URLs: what each sends, and whether the call succeeds on it.
func TestJSONPBackupVariants(t *testing.T) {
	for _, tc := range []struct {
		backup   string
		wantKept []string // substrings that must stay in the backup's query
	}{
		{"/jsonp?mycallback=1&callback=x", []string{"mycallback=1"}},
		{"/jsonp?callbackUrl=x&callback=?", []string{"callbackUrl=x"}},
		{"/jsonp?callback=a&callback=b&z=1", []string{"z=1"}},
		{"/jsonp?", nil},
		{"/jsonp?&callback=a&", nil},
		{"jsonp?callback=rel", nil},
		{"/jsonp?%63allback=enc", nil},
		{"/jsonp?callback=x#frag?callback=y", nil},
	} {
		srv := jsonpCallbackServer(t)
		c := client.New(client.WithBaseURL(srv.URL + "/"))
		_, err := c.Request(context.Background(), client.Option{URL: "/down", JSONP: true, JSONPCallback: "cb",
			Backup: []string{tc.backup}, RetryTimes: client.NoRetry})
		reqs := srv.sent()
		q := ""
		if len(reqs) == 2 {
			q = reqs[1].RawQuery
		}
		for _, k := range tc.wantKept {
			if !strings.Contains(q, k) {
				t.Errorf("%s: %q lost %s", tc.backup, q, k)
			}
		}
		if err != nil {
			t.Errorf("%s: err %v", tc.backup, err)
		}
	}
}

// The primary URL names its callback, the data names another: the URL's
// comes first and is the call's, and the backup gets that one alone.
func TestJSONPURLAndDataCallbackBackup(t *testing.T) {
	for _, tc := range []struct {
		name string
		url  string
		data map[string]string
	}{
		{"url fixed, data other", "/down?callback=fixed", map[string]string{"callback": "other"}},
		{"url ?, data other", "/down?callback=?", map[string]string{"callback": "other"}},
		{"url fixed, data ?", "/down?callback=fixed", map[string]string{"callback": "?"}},
	} {
		srv := jsonpCallbackServer(t)
		c := client.New(client.WithBaseURL(srv.URL))
		// primary alone, on a JSONP path, to see which name the decoder wants
		p := strings.Replace(tc.url, "/down", "/jsonp", 1)
		_, perr := c.Request(context.Background(), client.Option{URL: p, JSONP: true, JSONPCallback: "gen", Data: tc.data, RetryTimes: client.NoRetry})
		n := len(srv.sent())
		_, err := c.Request(context.Background(), client.Option{URL: tc.url, JSONP: true, JSONPCallback: "gen", Data: tc.data,
			Backup: []string{"/jsonp"}, RetryTimes: client.NoRetry})
		reqs := srv.sent()
		t.Logf("%s: primary-alone sent %q err %v", tc.name, reqs[n-1].RawQuery, perr)
		for _, r := range reqs[n:] {
			t.Logf("%s:   %s?%s", tc.name, r.URL, r.RawQuery)
		}
		if perr != nil {
			t.Errorf("%s: primary alone: %v", tc.name, perr)
		}
		if err != nil {
			t.Errorf("%s: with failover to /jsonp: %v", tc.name, err)
		}
	}
}

// A callback name taken from the URL (decoded) that holds a Unicode line
// break is quoted in the error, never printed raw.
func TestJSONPErrorNameFromURL(t *testing.T) {
	srv := jsonpCallbackServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/down?callback=cb%E2%80%A8level%3DERROR", JSONP: true, RetryTimes: client.NoRetry})
	if err == nil || strings.Contains(err.Error(), "\u2028") {
		t.Errorf("error holds a raw U+2028: %q", err.Error())
	}
}
