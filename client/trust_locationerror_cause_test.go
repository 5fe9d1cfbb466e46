package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Location that does not parse makes net/http quote it inside its error;
// the *client.Error's text was redacted, but its Err (the cause, a public
// field that a caller logs, or reaches with errors.Unwrap) held the
// Location's password and token in clear.
func TestBadLocationCauseHoldsNoSecret(t *testing.T) {
	const secret = "S3CR3TVALUE"
	for _, loc := range []string{
		"/cb%zz?access_token=" + secret,
		"http://alice:" + secret + "@[::1/x?sig=" + secret,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
		}))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c := client.New(client.WithBaseURL(srv.URL))
		res, err := c.Request(ctx, client.Option{URL: "/start"})
		cancel()
		srv.Close()
		var ce *client.Error
		if !errors.As(err, &ce) || ce.Err == nil {
			t.Fatalf("%s: want a *client.Error with a cause, got %v", loc, err)
		}
		if !strings.Contains(res.ErrMsg, "Location") {
			t.Errorf("%s: ErrMsg lost the reason: %s", loc, res.ErrMsg)
		}
		for e := error(ce); e != nil; e = errors.Unwrap(e) {
			if strings.Contains(e.Error(), secret) {
				t.Errorf("%s: %T in the chain: %s", loc, e, e.Error())
			}
		}
	}
}
