package client_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A Content-Encoding that lists identity beside deflate ("deflate,
// identity", or on two lines) names one coding: the body is decoded, as
// for "deflate" (it came coded, Data the zlib bytes, review25). Lists of
// two codings: TestCodingListIsDecodedAsFetchDoes.
func TestDeflateWithIdentityInTheListIsDecoded(t *testing.T) {
	const body = "hi there"
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	_, _ = io.WriteString(zw, body)
	_ = zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/list":
			w.Header().Set("Content-Encoding", "deflate, identity")
		case "/lines":
			w.Header()["Content-Encoding"] = []string{"identity", "DEFLATE"}
		}
		_, _ = w.Write(b.Bytes())
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for path, want := range map[string]string{"/list": body, "/lines": body} {
		res, err := c.Request(context.Background(), client.Option{URL: path, DataType: "text", RetryTimes: client.NoRetry})
		if err != nil || string(res.Raw) != want {
			t.Errorf("%s: %v, Raw %q, want %q", path, err, res.Raw, want)
		}
	}
}
