package datacheck_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/taroreq/taroreq/middleware/datacheck"
)

// A check of the whole body turns a 200 that carries an error code into a
// failure that matches datacheck.ErrRejected (and that the backup layer
// fails over from).
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"code":`+r.URL.Query().Get("code")+`}`)
	}))
	defer srv.Close()
	codeZero := func(_ *http.Response, body []byte) bool { return bytes.Equal(body, []byte(`{"code":0}`)) }
	hc := &http.Client{Transport: datacheck.New(srv.Client().Transport, datacheck.WithCheck(codeZero))}
	for _, code := range []string{"0", "1"} {
		resp, err := hc.Get(srv.URL + "?code=" + code)
		if err != nil {
			fmt.Println("code", code+":", errors.Is(err, datacheck.ErrRejected))
			continue
		}
		resp.Body.Close()
		fmt.Println("code", code+":", resp.StatusCode)
	}
	// Output:
	// code 0: 200
	// code 1: true
}
