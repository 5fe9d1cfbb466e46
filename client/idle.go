package client

// CloseIdleConnections closes the idle keep-alive connections of the
// client's transport, the bottom of its stack (WithTransport's, or the
// default one), as http.Client.CloseIdleConnections does: connections in
// use are left alone, and a transport without a CloseIdleConnections method
// (a wrapper, a fake) is left as it is. Call it when dropping a client whose
// transport is its own, so that its connections do not wait for the idle
// timeout; the client stays usable.
func (c *Client) CloseIdleConnections() {
	type closeIdler interface{ CloseIdleConnections() }
	if c == nil {
		return
	}
	if t, ok := c.transport.(closeIdler); ok {
		t.CloseIdleConnections()
	}
}
