package client_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A call's error quotes a server's words where net/http does (a header
// line it refuses, a Location that does not parse), and those may echo
// the request's credentials under a name no redaction rule knows:
// "X-Echo: v=<the API key>", a Location "…?v=<the token>". The error and
// ErrMsg showed them. They now replace every credential value the request
// carried (credential headers, the client's names, an Authorization's
// token, the URL's password, secret-named query values; 8 bytes or more)
// wherever it shows (the error, its Err's own text, ErrMsg), as the
// recordings and -v do; a value the request did not carry as a credential
// stays.
func TestErrorsRedactEchoedCredentials(t *testing.T) {
	const echo = "v=akey-12345678 t=btok-12345678 w=wspc-12345678 q=qtok-12345678 p=pass-12345678 d=data-12345678"
	srv := layertest.RawAnswers(t, func(requestLine string) string {
		if strings.Contains(requestLine, "/moved") {
			return "HTTP/1.1 302 Found\r\nLocation: http://[bad/?" + strings.ReplaceAll(echo, " ", "&") +
				"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
		}
		return "HTTP/1.1 200 OK\r\nX-Echo: " + echo + "\x01\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := client.New(client.WithCredentialHeaders("X-Workspace"))
	defer c.CloseIdleConnections()
	for _, path := range []string{"/line", "/moved"} {
		u := strings.Replace(srv, "http://", "http://alice:pass-12345678@", 1) + path + "?token=qtok-12345678&note=data-12345678"
		resp, err := c.Request(ctx, client.Option{URL: u, RetryTimes: client.NoRetry, Mode: client.ModeCORS,
			Header: http.Header{"Authorization": {"Bearer btok-12345678"}, "X-Api-Key": {"akey-12345678"},
				"X-Workspace": {"wspc-12345678"}}})
		if err == nil {
			t.Fatalf("%s: no error", path)
		}
		texts := map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg}
		if ce := (*client.Error)(nil); errors.As(err, &ce) && ce.Err != nil {
			texts["Err"] = ce.Err.Error() // a field callers log on its own
		}
		if len(texts) != 3 {
			t.Fatalf("%s: not a *client.Error with its Err: %v", path, err)
		}
		for where, text := range texts {
			for _, secret := range []string{"akey-12345678", "btok-12345678", "wspc-12345678", "qtok-12345678", "pass-12345678"} {
				if strings.Contains(text, secret) {
					t.Errorf("%s: the %s shows %s: %s", path, where, secret, text)
				}
			}
			if !strings.Contains(text, "data-12345678") {
				t.Errorf("%s: the %s lost what was no credential: %s", path, where, text)
			}
		}
	}
}

// reqlog's Interceptor writes the error and errMsg from the *client.Error
// with its own redaction: through RedactEchoes, the echoes go there too.
func TestInterceptorLogRedactsEchoedCredentials(t *testing.T) {
	srv := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nX-Echo: v=akey-12345678\x01\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithInterceptors(reqlog.Interceptor(logger)))
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.Request(ctx, client.Option{URL: srv + "/x", RetryTimes: client.NoRetry,
		Header: http.Header{"X-Api-Key": {"akey-12345678"}}})
	if err == nil || !strings.Contains(buf.String(), "malformed MIME header line") {
		t.Fatalf("err %v, log %s", err, &buf)
	}
	if strings.Contains(buf.String(), "akey-12345678") {
		t.Errorf("the log shows the echoed key: %s", &buf)
	}
}
