package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestTypedStatusErrorNamesTheURLOnce: a typed call's non-2xx answer is an
// error that names the call's method and URL once, then the status; it
// read "taroreq: GET URL: URL: status 404 Not Found" (the StatusError's own
// text repeats the URL it carries). A backup that answered is still named,
// after the URL asked.
func TestTypedStatusErrorNamesTheURLOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	c := client.New()
	defer c.CloseIdleConnections()
	_, err := client.Do[map[string]any](context.Background(), c, client.Option{URL: srv.URL + "/x", RetryTimes: client.NoRetry})
	var se *client.StatusError
	if !errors.As(err, &se) || se.URL != srv.URL+"/x" {
		t.Fatalf("err %v, want a StatusError with its URL", err)
	}
	if want := "taroreq: GET " + srv.URL + "/x: status 404 Not Found"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	_, err = client.Do[map[string]any](context.Background(), c, client.Option{URL: srv.URL + "/down",
		Backup: []string{srv.URL + "/x"}, RetryTimes: client.NoRetry})
	if err == nil || strings.Count(err.Error(), srv.URL+"/x") != 1 || !strings.Contains(err.Error(), srv.URL+"/down") {
		t.Errorf("answered by a backup: error %q, want the URL asked and the backup's, once each", err)
	}
}
