package client_test

import (
	"bytes"
	"compress/gzip"
	"strconv"
)

func gzipWrite(buf *bytes.Buffer, p []byte) {
	zw := gzip.NewWriter(buf)
	zw.Write(p)
	zw.Close()
}

func itoa(n int) string { return strconv.Itoa(n) }
