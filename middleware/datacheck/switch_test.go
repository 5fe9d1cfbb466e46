package datacheck_test

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

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
