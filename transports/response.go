package transports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/optiontext"
	"github.com/taroreq/taroreq/middleware"
)

// newResponse builds the response a fake transport answers req with: a
// fresh body over body (empty for HEAD), the header cloned with a
// Content-Length it holds set to the body's length (but for a response
// without a body by definition, middleware.Bodiless: HEAD, 1xx, 204, 205,
// 304), Proto HTTP/1.1, ContentLength the length of body and Request req.
// A status of zero means 200 OK.
func newResponse(req *http.Request, status int, header http.Header, body []byte) *http.Response {
	if status == 0 {
		status = http.StatusOK
	}
	h := header.Clone()
	if h == nil {
		h = make(http.Header)
	}
	var rc io.ReadCloser = http.NoBody
	if len(body) > 0 && req.Method != http.MethodHead {
		rc = io.NopCloser(bytes.NewReader(body))
	}
	if !middleware.Bodiless(req.Method, status) && h.Get("Content-Length") != "" {
		// The header says what the body is: a recorded one may have been
		// redacted, withheld or cut since the server sent it. (To HEAD, a
		// 204 or a 304 it says what a GET would get: kept.)
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	return &http.Response{
		Status:        statusLine(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          rc,
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// statusLine is the Status field net/http gives a response: "200 OK".
func statusLine(code int) string {
	if text := http.StatusText(code); text != "" {
		return fmt.Sprintf("%d %s", code, text)
	}
	return fmt.Sprintf("%d status code %d", code, code)
}

// readBody reads the request's body whole and closes it (see consume).
func readBody(req *http.Request) ([]byte, error) {
	var b []byte
	err := consume(req, func(r io.Reader) (err error) {
		b, err = io.ReadAll(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// consume hands req's body, if it has one, to read and closes it. The read runs in a
// goroutine of its own when the request's context can end: once it ends,
// the body is closed, which ends a read stalled on it (a pipe that the
// caller feeds later), and its error is returned at once, as net/http's
// transport does. read must then touch nothing the caller reads after.
func consume(req *http.Request, read func(io.Reader) error) error {
	if req.Body == nil || req.Body == http.NoBody {
		middleware.CloseRequestBody(req)
		return nil
	}
	done := req.Context().Done()
	if done == nil {
		err := read(req.Body)
		return errors.Join(err, req.Body.Close())
	}
	result := make(chan error, 1)
	go func() { result <- read(req.Body) }()
	select {
	case err := <-result:
		return errors.Join(err, req.Body.Close())
	case <-done:
		_ = req.Body.Close()
		return req.Context().Err()
	}
}

// sleep waits for d or until ctx is done, whichever comes first, and returns
// ctx's error in the second case. Its timer is always released.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// method is req's method, with the empty method meaning GET as in net/http.
func method(m string) string {
	if m == "" {
		return http.MethodGet
	}
	return m
}

// describe names a request in an error: "GET https://host/path?q", its
// URL redacted (no userinfo, no secret query value), and a method net/http
// would refuse to send ("GET tok") named by its length unless it is a near
// miss of a method: what was written there may be a secret.
func describe(m, u string) string {
	return strings.TrimSpace(optiontext.SentMethod(method(m)) + " " + credential.String(u))
}
