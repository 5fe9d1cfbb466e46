package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A secret written into an option value by mistake (a token pasted into
// Method or Mode, a Content-Type parameter holding one, a header line given
// as a name) was quoted whole in the option's error: the credential model's
// redaction reads URLs and header lines, and an option value is neither.
// Such errors now name the option and a near miss of a value it takes (a
// typo), and withhold anything else but its length.
func TestOptionErrorsQuoteNoSecret(t *testing.T) {
	const secret = "s3cr3tTOKENvalue"
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"))
	ct := func(v ...string) http.Header { return http.Header{"Content-Type": v} }
	for _, tc := range []struct {
		opt  client.Option
		want error
		show string // what the error still says, to mend the call
	}{
		{client.Option{Method: secret}, client.ErrInvalidMethod, "invalid method"},
		{client.Option{Method: "Bearer " + secret}, client.ErrInvalidMethod, "invalid method"},
		{client.Option{Method: "GET\r\nX-Api: " + secret}, client.ErrInvalidMethod, "invalid method"},
		{client.Option{Mode: client.Mode(secret)}, client.ErrInvalidOption, "Mode"},
		{client.Option{Cache: client.Cache(secret)}, client.ErrInvalidOption, "Cache"},
		{client.Option{Credentials: client.Credentials(secret)}, client.ErrInvalidOption, "Credentials"},
		{client.Option{ResponseType: "Bearer " + secret}, client.ErrInvalidOption, "ResponseType"},
		{client.Option{Method: "POST", Data: "x", Header: ct("application/json; token="+secret, "text/plain; charset="+secret)},
			client.ErrInvalidHeader, `"application/json; token=…", "text/plain; charset=…"`},
		{client.Option{Method: "POST", Data: map[string]any{"a": 1}, Header: ct("application/x-custom; access=" + secret)},
			nil, `"application/x-custom; access=…"`},
		{client.Option{Method: "POST", Data: map[string]any{"a": 1}, Header: ct(secret)}, nil, "no encoder"},
		{client.Option{Header: http.Header{"X-Workspace " + secret: {"v"}}}, client.ErrInvalidHeader, `name "X-Workspace" then ' '`},
	} {
		tc.opt.URL = "/x"
		res, err := c.Request(context.Background(), tc.opt)
		var ce *client.Error
		if err == nil || !errors.As(err, &ce) || res.Attempts != 0 || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Fatalf("%+v: want %v before any I/O, got %v", tc.opt, tc.want, err)
		}
		if !strings.Contains(err.Error(), tc.show) {
			t.Errorf("error no longer says %q: %v", tc.show, err)
		}
		for _, text := range append(causeTexts(err), res.ErrMsg, ce.Method, client.MethodText(tc.opt.Method)) {
			if strings.Contains(text, secret) {
				t.Errorf("secret quoted: %s", text)
			}
		}
	}
	c = client.New(client.WithCredentialHeaders("X-Workspace: " + secret))
	if _, err := c.Request(context.Background(), client.Option{URL: "http://127.0.0.1:1/x"}); !errors.Is(err, client.ErrInvalidOption) ||
		strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), `"X-Workspace" then ':'`) {
		t.Errorf("WithCredentialHeaders name: %v", err)
	}
}

// A near miss of a value an option takes is quoted as written: it holds
// nothing but the word meant, and shows the typo.
func TestOptionErrorsQuoteATypo(t *testing.T) {
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"))
	for _, tc := range []struct {
		opt  client.Option
		show string
	}{
		{client.Option{Method: "GETT"}, `"GETT"`},
		{client.Option{Method: "propfind"}, `"propfind"`},
		{client.Option{Mode: "corz"}, `Mode "corz"`},
		{client.Option{Cache: "no_cache"}, `Cache "no_cache"`},
		{client.Option{Credentials: "INCLUDE "}, `Credentials "INCLUDE "`},
		{client.Option{Method: "POST", Data: "x", Header: http.Header{"Content-Type": {"text/plain; charset=utf-8", "text/plain"}}},
			`"text/plain; charset=utf-8", "text/plain"`},
	} {
		tc.opt.URL = "/x"
		if _, err := c.Request(context.Background(), tc.opt); err == nil || !strings.Contains(err.Error(), tc.show) {
			t.Errorf("%+v: want an error saying %s, got %v", tc.opt, tc.show, err)
		}
	}
}
