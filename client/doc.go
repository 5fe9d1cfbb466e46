// Package client is taroreq's entry point: Taro.request's option set for Go.
//
// A Client turns an Option into an *http.Request (method, URL, query or body
// encoded from Data), passes it through option-level interceptors, then
// through a stack of http.RoundTripper layers (timeout, retry, backup …, see
// package middleware), and decodes what comes back into a Response.
//
//	c := client.New(client.WithBaseURL("https://api.example.com"))
//	resp, err := c.Request(ctx, client.Option{URL: "/items", Data: map[string]any{"page": 2}})
//
// Request blocks; Go returns a Task that can be aborted and that reports the
// response headers before the body; Do decodes into a type of the caller's.
// Every entry point returns a non-nil *Response whose ErrMsg is
// "request:ok" or "request:fail <reason>", together with the error, and calls
// the Option's Success or Fail callback, then Complete, exactly once.
//
// Any HTTP status is a response, as with fetch: a 404 comes back from
// Request and Go with a nil error (Response.OK makes a non-2xx an error),
// and so does a 429 or 5xx the retries did not mend, unless the call has
// backups: once every URL has failed, it fails with backup.ErrExhausted.
// Do, which has no T to give for a non-2xx, fails it with a *StatusError
// (DecodeError reads the server's error document).
package client
