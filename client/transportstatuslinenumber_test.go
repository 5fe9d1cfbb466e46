package client

import (
	"context"
	"strings"
	"testing"
)

// A header line written where the status line goes whose value is a long
// number (a numeric API key, an account's PIN-like token) has the number
// quoted as the malformed status code: it must not show in the call's
// error either, while a short wrong code ("2000", "20") still shows.
func TestTransportErrorHidesANumericHeaderValueReadAsTheStatusCode(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		head, secret string
		shown        bool
	}{
		{"X-Api-Key: 8675309123\r\nContent-Length: 0\r\n\r\n", "8675309123", false},
		{"X-Auth-Token: 31415926535897\r\nContent-Length: 0\r\n\r\n", "31415926535897", false},
		{"HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n", `"2000"`, true},
		{"HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n", `"20"`, true},
	} {
		u := rawHeadServer(t, tc.head)
		r, err := c.Request(context.Background(), Option{URL: u, RetryTimes: NoRetry})
		texts := []string{errText(err)}
		if r != nil {
			texts = append(texts, r.ErrMsg)
		}
		for n, s := range texts {
			if !strings.Contains(s, "malformed HTTP status code") {
				t.Errorf("%q: text %d: %q; want net/http's malformed status code", tc.head, n, s)
			}
			if strings.Contains(s, tc.secret) != tc.shown {
				t.Errorf("%q: text %d: %s (want %s shown: %v)", tc.head, n, s, tc.secret, tc.shown)
			}
		}
	}
}
