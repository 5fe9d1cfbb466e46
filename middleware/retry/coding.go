package retry

import (
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
)

// badCoding reports whether err says a body is not in the coding its
// Content-Encoding names (a plain body labelled gzip or deflate, as
// go-httpbin's /response-headers?Content-Encoding=gzip sends): the same
// URL answers so every time, so the attempt is not retried (a backup is
// still tried). A body cut short is not one of these: its decoder says
// io.ErrUnexpectedEOF, and it is retried.
func badCoding(err error) bool {
	var corrupt flate.CorruptInputError
	return errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, zlib.ErrHeader) || errors.Is(err, zlib.ErrChecksum) || errors.As(err, &corrupt)
}
