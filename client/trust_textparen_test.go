package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A password holding '(' (encodeURIComponent, and so the query encoder,
// leaves ( ) raw, as browsers send them) is echoed by the server into a Location
// that does not parse (a query-keeping redirect). The error's text quotes
// that Location; the redaction of that text reads a secret's value on past
// ( ) ', so no part of it is printed.
func TestSecretWithBracketNotInErrorText(t *testing.T) {
	for _, password := range []string{"ab(SEKRET)", "ab)SEKRET"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/%zz/?"+r.URL.RawQuery)
			w.WriteHeader(http.StatusFound)
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, err := c.Request(context.Background(), client.Option{URL: "/me",
			Data: map[string]any{"password": password, "page": 1}, RetryTimes: client.NoRetry})
		srv.Close()
		if err == nil {
			t.Fatalf("%q: no error", password)
		}
		if strings.Contains(err.Error(), "SEKRET") || strings.Contains(resp.ErrMsg, "SEKRET") {
			t.Errorf("password %q: part of it in the error:\n%v\n%s", password, err, resp.ErrMsg)
		}
	}
}

// A URL with a raw JSON filter holding a secret (sent, as a browser sends
// it, as filter={%22api_key%22:…}) is echoed into a Location that does not
// parse. The error keeps its cause ("invalid URL escape") and the secret
// is not printed.
func TestRawJSONSecretErrorKeepsItsCause(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/%zz/?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{
		URL: `/list?filter={"api_key":"S3CRET"}`, RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatal("no error")
	}
	for _, msg := range []string{err.Error(), resp.ErrMsg} {
		if strings.Contains(msg, "S3CRET") || !strings.Contains(msg, "invalid URL escape") {
			t.Errorf("want the cause kept and the secret out:\n%s", msg)
		}
	}
}

// A URL with a raw JSON filter holding a secret, then a raw array
// (filter={"api_key":…}&ids=[1,2]), is echoed by the server into a Location
// that does not parse. The error quotes the request URL (redacted) and then
// the Location: the secret in the Location must not be printed.
func TestRawJSONSecretInLocationAfterRawArray(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/%zz/?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{
		URL: `/list?filter={"api_key":"S3CRET"}&ids=[1,2]`, RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "S3CRET") || strings.Contains(resp.ErrMsg, "S3CRET") {
		t.Errorf("the secret is in the error:\n%v\n%s", err, resp.ErrMsg)
	}
}

// A server echoes the decoded password into a Location that does not
// parse. net/http quotes that Location with %q, which escapes a '"' or a
// '\' of the password (\" and \\): no part of the password is printed.
func TestSecretWithQuoteNotInErrorText(t *testing.T) {
	for _, password := range []string{`ab"SEKRET`, `ab\SEKRET`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/%zz/?password="+r.URL.Query().Get("password")+"&page=1")
			w.WriteHeader(http.StatusFound)
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, err := c.Request(context.Background(), client.Option{URL: "/me",
			Data: map[string]any{"password": password, "page": 1}, RetryTimes: client.NoRetry})
		srv.Close()
		if err == nil {
			t.Fatalf("%q: no error", password)
		}
		if strings.Contains(err.Error(), "SEKRET") || strings.Contains(resp.ErrMsg, "SEKRET") {
			t.Errorf("password %q: part of it in the error:\n%v\n%s", password, err, resp.ErrMsg)
		}
	}
}
