package middleware_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

// HeadersReceived passes over a 101 Switching Protocols to a request that
// sent no Upgrade header (go-httpbin's /status/101): fetch's network error,
// no answer, which a layer alone in a plain http.Client (no client below it
// to fail the attempt) announced to OnHeaders all the same. An asked-for
// 101 and any other answer are announced.
func TestHeadersReceivedPassesOverAnUnsolicited101(t *testing.T) {
	var heard []int
	ctx, call := middleware.NewCallContext(context.Background(), middleware.Settings{
		OnHeaders: func(status int, _ http.Header) { heard = append(heard, status) },
	})
	plain, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://example.test/status/101", nil)
	upgrade := plain.Clone(ctx)
	upgrade.Header.Set("Connection", "Upgrade")
	upgrade.Header.Set("Upgrade", "websocket")
	for _, resp := range []*http.Response{
		{StatusCode: http.StatusSwitchingProtocols, Header: http.Header{}, Request: plain},
		{StatusCode: http.StatusSwitchingProtocols, Header: http.Header{}, Request: upgrade},
		{StatusCode: http.StatusOK, Header: http.Header{}, Request: plain},
	} {
		call.HeadersReceived(resp)
	}
	if len(heard) != 2 || heard[0] != 101 || heard[1] != 200 {
		t.Errorf("heard %v, want [101 200]: the asked-for 101 and the 200, not the unsolicited 101", heard)
	}
}
