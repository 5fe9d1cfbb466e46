package retry

import (
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// checkAttempt applies the request's Settings.AttemptCheck to an attempt's
// response. The body is read whole here, inside the attempt, so that the
// attempt's timeout bounds the read. A rejection makes the attempt a failed
// one: resp is nil and the check's error stands, to be retried like any
// other error and then failed over by the backup layer. An accepted response
// goes on with the checked bytes as its body.
//
// A body over the bound, or one whose read fails, is handed on unchecked and
// whole: the reader above (the client) reports that error.
func checkAttempt(call *middleware.Call, resp *http.Response, err error) (*http.Response, error) {
	if err != nil || call == nil || call.Settings.AttemptCheck == nil {
		return resp, err
	}
	body, err := middleware.BufferBody(resp, call.Settings.BodyLimit())
	if err != nil {
		return resp, nil
	}
	out, cerr := call.Settings.AttemptCheck(resp, body)
	if cerr != nil {
		return nil, cerr // the body is buffered: nothing left to release
	}
	resp.Body = middleware.NewBufferedBody(out)
	resp.ContentLength = int64(len(out))
	call.SetChecked()
	return resp, nil
}
