package client_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestTransportReportsSchemeMismatch: an https URL answered by a plain
// HTTP server is http.ErrSchemeMismatch ("server gave HTTP response to
// HTTPS client") to a plain http.Client over c.Transport(), as over a bare
// transport and through the client's own calls: the http.Client asserts
// the RoundTripper's error is a tls.RecordHeaderError to say so, which the
// redacting wrapper hid.
func TestTransportReportsSchemeMismatch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	u := "https://" + strings.TrimPrefix(srv.URL, "http://") + "/me"
	c := client.New()
	defer c.CloseIdleConnections()
	_, err := (&http.Client{Transport: c.Transport()}).Get(u)
	if !errors.Is(err, http.ErrSchemeMismatch) {
		t.Fatalf("err %v; want http.ErrSchemeMismatch", err)
	}
	if _, err := c.Request(t.Context(), client.Option{URL: u}); !errors.Is(err, http.ErrSchemeMismatch) {
		t.Fatalf("client's call: err %v; want http.ErrSchemeMismatch", err)
	}
}
