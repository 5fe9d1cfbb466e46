package retry

import (
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// checkAttempt applies the request's Settings.AttemptCheck to an attempt's
// response. The body is read whole first (readBody), inside the attempt, so
// that the attempt's timeout bounds the read: a read that fails is a failed
// attempt, a body over the bound an error matching middleware.ErrTooLarge. A
// rejection makes the attempt a failed one: resp is nil and the check's
// error stands, to be retried like any other error and then failed over by
// the backup layer. An accepted response goes on with the checked bytes as
// its body. heard says whether its headers are announced as it is read
// (not for an answer retried for its status: the caller announces it if it
// stands).
func checkAttempt(call *middleware.Call, resp *http.Response, r *http.Request, limit int64, heard bool) (*http.Response, error) {
	resp, err := readBodyHeard(call, resp, r, limit, heard)
	if err != nil {
		return nil, err
	}
	bb := resp.Body.(*middleware.BufferedBody)
	out, cerr := call.Settings.AttemptCheck(resp, bb.Bytes())
	if cerr != nil {
		call.SetLastFrom(r, resp)
		return nil, cerr // the body is buffered: nothing left to release
	}
	bb.Reset(out) // the same body, now the checked bytes
	resp.ContentLength = int64(len(out))
	call.SetChecked()
	return resp, nil
}

// readBody buffers resp's body whole (Call.BufferBody), so that the
// layers above and the client take the bytes without another copy; the
// headers are announced first (Call.HeadersReceived). When the read fails,
// or the body is over limit, the response is closed, its status and header
// kept on the Call (Call.SetLast), and only the error is returned.
func readBody(call *middleware.Call, resp *http.Response, r *http.Request, limit int64) (*http.Response, error) {
	return readBodyHeard(call, resp, r, limit, true)
}

// readBodyHeard is readBody, the headers announced only when heard is set.
func readBodyHeard(call *middleware.Call, resp *http.Response, r *http.Request, limit int64, heard bool) (*http.Response, error) {
	if resp.Request == nil {
		resp.Request = r // BufferBody reads the method from it: a HEAD has no body
	}
	if heard {
		call.HeadersReceived(resp)
	}
	if _, err := call.BufferBody(resp, limit); err != nil {
		call.SetLastFrom(r, resp)
		resp.Body.Close()
		return nil, err
	}
	return resp, nil
}
