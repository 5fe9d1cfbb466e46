package datacheck_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func hasOK(_ *http.Response, body []byte) bool { return bytes.Contains(body, []byte(`"ok":true`)) }

func TestPlainClient(t *testing.T) {
	good := faultserver.New(t, faultserver.OK(`{"ok":true}`))
	bad := faultserver.New(t, faultserver.OK(`{"ok":false}`))
	hc := &http.Client{Transport: datacheck.New(nil, datacheck.WithCheck(hasOK))}
	resp, err := hc.Get(good.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `{"ok":true}` {
		t.Errorf("body %q", body)
	}
	if _, ok := resp.Body.(*middleware.BufferedBody); !ok {
		t.Errorf("body is %T, want the buffered bytes handed up", resp.Body)
	}
	_, err = hc.Get(bad.URL)
	var re *datacheck.RejectedError
	if !errors.Is(err, datacheck.ErrRejected) || !errors.Is(err, middleware.ErrNoRetry) || !errors.As(err, &re) || re.StatusCode != 200 {
		t.Errorf("err = %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	big := faultserver.New(t, faultserver.OK(strings.Repeat("x", 2048)))
	hc := &http.Client{Transport: datacheck.New(nil, datacheck.WithCheck(hasOK), datacheck.WithMaxBodyBytes(1024))}
	if _, err := hc.Get(big.URL); !errors.Is(err, datacheck.ErrTooLarge) {
		t.Errorf("err = %v", err)
	}
}

func TestDecodedTravelsUp(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"ok":true}`))
	call := middleware.NewCall(middleware.Settings{DataCheck: func(_ *http.Response, b []byte) (bool, any) { return true, "decoded" }})
	req, _ := http.NewRequestWithContext(middleware.WithCall(t.Context(), call), "GET", srv.URL, nil)
	resp, err := datacheck.New(nil).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	body, v := call.Decoded()
	if v != "decoded" || string(body) != `{"ok":true}` {
		t.Errorf("Decoded() = %q, %v", body, v)
	}
}

func BenchmarkDataCheckLayer(b *testing.B) {
	layertest.Bench(b, layertest.Case{Name: "with_no_check", RT: datacheck.New(layertest.Stub)})
}
