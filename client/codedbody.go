package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/encoders"
)

// codedBodyError says why a body did not decode when it is still coded:
// net/http takes off the gzip it asked for and the bottom layer a deflate
// (decodedDeflate), but a br or zstd answer (which fetch would decode)
// comes as its coded bytes, and encoding/json's "invalid character 'ï'"
// alone sends the reader looking at the server's JSON. Other errors, and
// bodies without a coding, are returned as they are.
func codedBodyError(h http.Header, err error) error {
	if err == nil || !errors.Is(err, encoders.ErrDecode) {
		return err
	}
	coding := strings.TrimSpace(strings.Join(h.Values("Content-Encoding"), ", "))
	if coding == "" || strings.EqualFold(coding, "identity") {
		return err
	}
	return fmt.Errorf("%w (the body is coded %q, which the client does not decode: ask for it with Header Accept-Encoding and decode it, or have the server send it uncoded)", err, coding)
}
