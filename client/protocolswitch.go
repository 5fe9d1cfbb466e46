package client

import (
	"net/http"
)

// unsolicitedSwitch turns a 101 Switching Protocols to a request that sent
// no Upgrade header (go-httpbin's /status/101 answers any request so) into
// the attempt's failure, fetch's network error, at the bottom of the stack:
// its switched connection is closed, and every layer above judges it as it
// judges a connection that failed, where they took it for an answer (the
// retry and backup layers handed it up as the call's, so a call with a
// Backup failed with ErrProtocolSwitch without trying it, and the breaker
// counted a success). A GET is retried, a backup tried next, as for any
// network error and as jsonp-retry does when a script load fails; a POST
// that went out is not sent again. Resp's Request is the request sent
// (roundTrip sets it), an Upgrade a layer added included.
func unsolicitedSwitch(resp *http.Response, err error) (*http.Response, error) {
	if err != nil || resp == nil || resp.StatusCode != http.StatusSwitchingProtocols ||
		resp.Request != nil && resp.Request.Header.Get("Upgrade") != "" {
		return resp, err
	}
	if resp.Body != nil {
		resp.Body.Close()
	}
	return nil, protocolSwitchError{}
}

// protocolSwitchError is an unsolicited 101's failure: it matches
// ErrProtocolSwitch.
type protocolSwitchError struct{}

func (protocolSwitchError) Error() string        { return ErrProtocolSwitch.Error() }
func (protocolSwitchError) Is(target error) bool { return target == ErrProtocolSwitch }
