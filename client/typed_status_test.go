package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

type account struct {
	Name string `json:"name"`
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func TestDoFailsOnNon2xx(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "r1")
		if r.URL.Path == "/users/7" {
			w.Write([]byte(`{"name":"Ann"}`))
			return
		}
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"code":"not_found","message":"no account 8"}`))
	})
	c := client.New()
	failed := false
	res, err := client.Do[account](context.Background(), c, client.Option{URL: srv.URL + "/users/8",
		Fail: func(*client.Response, error) { failed = true }})
	var se *client.StatusError
	if !errors.As(err, &se) || se.StatusCode != 404 || se.Header.Get("X-Request-Id") != "r1" || !failed {
		t.Fatalf("err %v (%+v), Fail called %v", err, se, failed)
	}
	if res.Value != (account{}) || res.StatusCode != 404 || !strings.Contains(res.ErrMsg, "404") {
		t.Errorf("result %+v", res)
	}
	apiErr, ok := client.DecodeError[apiError](err)
	if !ok || apiErr.Code != "not_found" || apiErr.Message != "no account 8" {
		t.Errorf("DecodeError: %+v %v", apiErr, ok)
	}
	if _, ok := client.DecodeError[apiError](errors.New("other")); ok {
		t.Error("DecodeError of an error without a status")
	}
	res, err = client.Do[account](context.Background(), c, client.Option{URL: srv.URL + "/users/7"})
	if err != nil || res.Value.Name != "Ann" {
		t.Fatalf("2xx: %+v %v", res, err)
	}
}

func TestDoNon2xxWithDataCheckIsTheChecksToJudge(t *testing.T) {
	srv := faultserver.New(t, faultserver.Status(404, `{"code":"gone"}`))
	seen := 0
	_, err := client.Do[account](context.Background(), client.New(), client.Option{URL: srv.URL,
		DataCheck: func(r *client.Response) bool { seen = r.StatusCode; return true }})
	var se *client.StatusError
	if seen != 404 || !errors.As(err, &se) {
		t.Fatalf("DataCheck saw %d, err %v", seen, err)
	}
}

func TestStatusErrorBodyIsBounded(t *testing.T) {
	big := strings.Repeat("x", client.MaxErrorBody+100)
	srv := faultserver.New(t, faultserver.Status(500, big))
	_, err := client.Do[account](context.Background(), client.New(), client.Option{URL: srv.URL, RetryTimes: client.NoRetry})
	var se *client.StatusError
	if !errors.As(err, &se) || len(se.Body) != client.MaxErrorBody {
		t.Fatalf("err %v", err)
	}
}

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
