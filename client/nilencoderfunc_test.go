package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// TestNilEncoderFuncIsNil: a nil encoders.EncoderFunc is a nil encoder, as
// WithEncoder and Registry.Register document for nil: WithEncoder changes
// nothing (the built-in JSON encoder stays), Register removes the
// registration. It was registered, and every request with a body of that
// type panicked calling it.
func TestNilEncoderFuncIsNil(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var nilFunc encoders.EncoderFunc
	c := client.New(client.WithEncoder("application/json", nilFunc), client.WithEncoder("application/xml", nilFunc))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: map[string]any{"a": 1}})
	if err != nil || got != `{"a":1}` {
		t.Errorf("JSON body with WithEncoder(json, nil func): sent %q, err %v", got, err)
	}
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: map[string]any{"a": 1},
		Header: http.Header{"Content-Type": {"application/xml"}}})
	if err == nil || resp == nil {
		t.Errorf("XML body without an XML encoder: %v, %v", resp, err)
	}

	r := encoders.NewRegistry()
	r.Register("application/json", nilFunc)
	if e, ok := r.Lookup("application/json"); ok {
		t.Errorf("Register(json, nil func) left %v registered", e)
	}
	if _, err := r.EncodeBody(map[string]any{"a": 1}, "application/json", 0); err == nil {
		t.Error("EncodeBody without an encoder: no error")
	}
}
