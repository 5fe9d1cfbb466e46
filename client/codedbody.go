package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware"
)

// codedBodyError says why a body did not decode when it is still coded:
// net/http takes off the gzip it asked for and the bottom layer the other
// gzip and deflate codings (decodedCodings), but a br or zstd answer (which
// fetch would decode) comes as its coded bytes, and encoding/json's
// "invalid character 'ï'" alone sends the reader looking at the server's
// JSON. A request with an
// Accept-Encoding of its own (identity: only that one is sent) is why a
// coding the client decodes was left on: the error names it, rather than
// say the client cannot decode what it would have. Other errors, and
// bodies without a coding, are returned as they are.
func codedBodyError(req, h http.Header, err error) error {
	if err == nil || !errors.Is(err, encoders.ErrDecode) {
		return err
	}
	coding := strings.TrimSpace(strings.Join(h.Values("Content-Encoding"), ", "))
	if coding == "" || strings.EqualFold(coding, "identity") {
		return err
	}
	if own := strings.Join(middleware.FieldValues(req, "Accept-Encoding"), ", "); own != "" && decodedCoding(coding) {
		return fmt.Errorf("%w (the body is coded %q and the request sent its own Accept-Encoding %q: the client decodes gzip and deflate only for a request without one; drop it, or decode the body)", err, coding, own)
	}
	return fmt.Errorf("%w (the body is coded %q, which the client does not decode: ask for it with Header Accept-Encoding and decode it, or have the server send it uncoded)", err, coding)
}

// decodedCoding reports whether the client decodes coding for a request
// without an Accept-Encoding of its own: net/http's gzip, the bottom
// layer's others (decodedCodings).
func decodedCoding(coding string) bool {
	return strings.EqualFold(coding, "gzip") || strings.EqualFold(coding, "x-gzip") || strings.EqualFold(coding, "deflate")
}
