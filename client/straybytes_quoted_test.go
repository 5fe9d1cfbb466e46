package client_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

// A layer of the caller's that quotes the error it got ("upstream: %q", a
// common way to wrap a text) quotes net/http's quote of alice's late bytes
// again, its quotes escaped: the client still withholds them from bob's
// Error, its cause and ErrMsg.
func TestLateStrayBytesQuotedAgainByALayerNeverReachAnother(t *testing.T) {
	url, roots := layertest.KeptAnswersTLS(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
		}
		return `{"secret":"alice-token"}` + "\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
	})
	tr := transports.Default()
	tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	quoting := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if err != nil {
				return nil, fmt.Errorf("upstream: %q", err.Error())
			}
			return resp, nil
		})
	}
	c := client.New(client.WithTransport(tr), client.WithBaseURL(url), client.WithOuterLayers(quoting))
	defer c.CloseIdleConnections()
	ctx := context.Background()
	res, err := c.Request(ctx, client.Option{URL: "/a", Header: http.Header{"Authorization": {"Bearer alice"}}, Timeout: 5 * time.Second})
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("alice: %v", err)
	}
	res, err = c.Request(ctx, client.Option{URL: "/post", Method: http.MethodPost, Data: "x", DataType: "text",
		Header: http.Header{"Authorization": {"Bearer bob"}}, Timeout: 5 * time.Second, RetryTimes: client.NoRetry})
	var ce *client.Error
	if !errors.As(err, &ce) {
		t.Fatalf("bob's POST: %v, %v; want a *client.Error", res, err)
	}
	for what, text := range map[string]string{"Error": err.Error(), "Err": ce.Err.Error(), "ErrMsg": res.ErrMsg} {
		if strings.Contains(text, "alice") || !strings.Contains(text, "malformed HTTP response") {
			t.Errorf("%s: %s; want net/http's words without alice's bytes", what, text)
		}
	}
}
