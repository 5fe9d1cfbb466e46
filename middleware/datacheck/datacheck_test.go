package datacheck_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"go.uber.org/goleak"
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

// A 101's body is the connection, no data: the check never sees it, and
// the switch is handed on with its connection writable (were it refused,
// nobody could close the connection).
func TestSwitchIsHandedOnUnchecked(t *testing.T) {
	srv := httptest.NewServer(faultserver.UpgradeEcho())
	defer srv.Close()
	checked := false
	rt := datacheck.New(nil, datacheck.WithCheck(func(*http.Response, []byte) bool { checked = true; return false }))
	req, _ := http.NewRequest("GET", srv.URL+"/ws", nil)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "echo")
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols || checked {
		t.Fatalf("%v, %v, checked %v; want the 101 unchecked", resp, err, checked)
	}
	defer resp.Body.Close()
	conn, ok := resp.Body.(io.ReadWriter)
	if !ok {
		t.Fatalf("body %T is not the connection", resp.Body)
	}
	io.WriteString(conn, "hi\n")
	if line, err := bufio.NewReader(conn).ReadString('\n'); err != nil || line != "echo: hi\n" {
		t.Fatalf("after the switch: %q, %v", line, err)
	}
}
