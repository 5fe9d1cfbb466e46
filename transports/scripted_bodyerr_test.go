package transports_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// TestScriptedBodyErrBreaksTheBody: a Step with BodyErr gives its Body,
// then the error, with no announced length; a HEAD and a 204 stay
// bodiless. Through a client, the broken first answer is a failed attempt
// and the retry's whole body is the call's.
func TestScriptedBodyErrBreaksTheBody(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", api).
		Then(transports.Step{Header: http.Header{"Content-Length": {"100"}}, Body: []byte(`{"a":`), BodyErr: io.ErrUnexpectedEOF}).
		Respond(200, `{"a":1}`)
	resp, err := get(t, s, api)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != `{"a":` || !errors.Is(err, io.ErrUnexpectedEOF) || resp.ContentLength != -1 || resp.Header.Get("Content-Length") != "" {
		t.Fatalf("broken body: %q, %v, length %d, header %q", b, err, resp.ContentLength, resp.Header.Get("Content-Length"))
	}
	s.On("HEAD", api).Then(transports.Step{Status: 204, BodyErr: errBoom})
	if resp, err := do(t, s, "HEAD", api, nil); err != nil || resp.Body != http.NoBody {
		t.Fatalf("HEAD with BodyErr: %v, body %v; want no body", err, resp.Body)
	}

	s = transports.NewScripted()
	s.On("GET", api).
		Then(transports.Step{Body: []byte(`{"a":`), BodyErr: io.ErrUnexpectedEOF}).
		Respond(200, `{"a":1}`)
	r, err := client.New(client.WithTransport(s)).Request(context.Background(), client.Option{URL: api})
	if err != nil || string(r.Raw) != `{"a":1}` || s.Count("GET", api) != 2 {
		t.Fatalf("through a client: %v, %q, %d requests; want the retry's whole body", err, r.Raw, s.Count("GET", api))
	}
}
