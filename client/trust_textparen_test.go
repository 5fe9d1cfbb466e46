package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// badLocationError sends opt to a server that echoes the call's query, or
// what echo makes of the request, into a Location that does not parse, and
// returns the error's two texts (err and ErrMsg), which quote it.
func badLocationError(t *testing.T, opt client.Option, echo func(*http.Request) string) []string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/%zz/?"+echo(r))
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	opt.RetryTimes = client.NoRetry
	resp, err := client.New(client.WithBaseURL(srv.URL)).Request(context.Background(), opt)
	if err == nil {
		t.Fatalf("%v: no error", opt)
	}
	return []string{err.Error(), resp.ErrMsg}
}

func rawQuery(r *http.Request) string { return r.URL.RawQuery }

// A password holding '(' (encodeURIComponent, and so the query encoder,
// leaves ( ) raw, as browsers send them) is echoed into a Location that
// does not parse: the redaction of the error's text reads a secret's value
// on past ( ) ', so no part of it is printed.
func TestSecretWithBracketNotInErrorText(t *testing.T) {
	for _, password := range []string{"ab(SEKRET)", "ab)SEKRET"} {
		for _, msg := range badLocationError(t, client.Option{URL: "/me", Data: map[string]any{"password": password, "page": 1}}, rawQuery) {
			if strings.Contains(msg, "SEKRET") {
				t.Errorf("password %q: part of it in the error:\n%s", password, msg)
			}
		}
	}
}

// A URL with a raw JSON filter holding a secret (sent, as a browser sends
// it, as filter={%22api_key%22:…}) is echoed into a Location that does not
// parse: the error keeps its cause and not the secret.
func TestRawJSONSecretErrorKeepsItsCause(t *testing.T) {
	for _, msg := range badLocationError(t, client.Option{URL: `/list?filter={"api_key":"S3CRET"}`}, rawQuery) {
		if strings.Contains(msg, "S3CRET") || !strings.Contains(msg, "invalid URL escape") {
			t.Errorf("want the cause kept and the secret out:\n%s", msg)
		}
	}
}

// The same, then a raw array (filter={"api_key":…}&ids=[1,2]): the error
// quotes the Location twice (the header, then url.Parse's cause); neither
// copy prints the secret.
func TestRawJSONSecretInLocationAfterRawArray(t *testing.T) {
	for _, msg := range badLocationError(t, client.Option{URL: `/list?filter={"api_key":"S3CRET"}&ids=[1,2]`}, rawQuery) {
		if strings.Contains(msg, "S3CRET") {
			t.Errorf("the secret is in the error:\n%s", msg)
		}
	}
}

// A server echoes the decoded password into the Location: net/http quotes
// it with %q, which escapes a '"' or a '\' of the password (\" and \\);
// no part of the password is printed.
func TestSecretWithQuoteNotInErrorText(t *testing.T) {
	for _, password := range []string{`ab"SEKRET`, `ab\SEKRET`} {
		echo := func(r *http.Request) string { return "password=" + r.URL.Query().Get("password") + "&page=1" }
		for _, msg := range badLocationError(t, client.Option{URL: "/me", Data: map[string]any{"password": password, "page": 1}}, echo) {
			if strings.Contains(msg, "SEKRET") {
				t.Errorf("password %q: part of it in the error:\n%s", password, msg)
			}
		}
	}
}
