package client_test

import (
	"context"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestJSONPStringDataWithAHashStillCarriesTheCallback: a '#' in string data
// starts the URL's fragment, as in Taro's URL, and what follows it is not
// sent. A JSONP call's callback and cache-buster were appended after it,
// inside the fragment, so every URL's script was requested without them
// and every attempt failed ("not the expected JSONP call") whatever the
// server did, where the README promises a JSONP GET carrying
// callback=<name> and a URL's own fragment already had them put before it
// (jsonp-retry appends them after either and times out: taro-diff's
// s29-mg-jsonp-get-qxeq1-strhash).
func TestJSONPStringDataWithAHashStillCarriesTheCallback(t *testing.T) {
	srv := jsonpCallbackServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		url, data string
		backup    []string
		want      string // the query of the request that answered
	}{
		{"/jsonp", "a=1#h", nil, "a=1&callback=cbF"},
		{"/jsonp?x=1", "a=1#h&b=2", nil, "x=1&a=1&callback=cbF"},
		{"/jsonp#f", "#h", nil, "callback=cbF"},
		{"/not-jsonp", "a=1#h", []string{"/jsonp-backup"}, "a=1&callback=cbF"},
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: tc.url, Data: tc.data, Backup: tc.backup,
			JSONPCallback: "cbF", JSONPCache: true, RetryTimes: client.NoRetry})
		sent := srv.sent()
		got := sent[len(sent)-1].RawQuery
		m, _ := resp.Data.(map[string]any)
		if err != nil || m["code"] != 0.0 || got != tc.want {
			t.Errorf("%s + %q: err %v, data %v, the server got the query %q, want %q", tc.url, tc.data, err, resp.Data, got, tc.want)
		}
	}
}
