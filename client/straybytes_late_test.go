package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/transports"
)

// Alice's answer is followed, late, once bob's request is on the same
// connection, by the rest of it (what a server sends that writes a body a
// moment after a HEAD's answer). net/http failed bob's call with those
// bytes quoted in its error (`malformed HTTP response
// "{\"secret\":\"alice-token\"}"`), which the client hands bob; the
// default transport withholds them now: bob's GET is sent again on another
// connection and gets his answer, his POST, which cannot be, fails with
// transports.ErrStrayBytes and nothing of alice's.
func TestLateStrayBytesOfOneUserNeverReachAnother(t *testing.T) {
	var dirty atomic.Int32
	url := layertest.KeptAnswers(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
		}
		const bobs = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
		if req.URL.Path == "/b" && dirty.Add(1) > 1 {
			return bobs
		}
		return `{"secret":"alice-token"}` + "\r\n" + bobs
	})
	c := client.New(client.WithBaseURL(url))
	defer c.CloseIdleConnections()
	ctx := context.Background()
	alice := func() {
		t.Helper()
		res, err := c.Request(ctx, client.Option{URL: "/a", Header: http.Header{"Authorization": {"Bearer alice"}}, Timeout: 5 * time.Second})
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("alice: %v", err)
		}
	}
	bob := client.Option{URL: "/b", DataType: "text", Header: http.Header{"Authorization": {"Bearer bob"}}, Timeout: 5 * time.Second}

	alice()
	res, err := c.Request(ctx, bob)
	if err != nil || res.Data != "mine" {
		t.Fatalf("bob's GET: %v, %v; want mine", res, err)
	}

	alice()
	bob.URL, bob.Method, bob.Data = "/post", http.MethodPost, "x"
	res, err = c.Request(ctx, bob)
	if err == nil {
		t.Fatalf("bob's POST answered %v; want transports.ErrStrayBytes", res.Data)
	}
	if !errors.Is(err, transports.ErrStrayBytes) || strings.Contains(err.Error(), "alice") {
		t.Errorf("bob's POST: %v; want transports.ErrStrayBytes, nothing of alice's", err)
	}
}
