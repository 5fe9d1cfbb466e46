package client_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

func TestGetQueryData(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{"ok":true,"n":[1,2]}`))
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{
		URL:  "/items?x=1",
		Data: map[string]any{"q": "a b+c", "tag": []int{1, 2}, "skip": nil},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.last(t)
	if want := "x=1&q=a%20b%2Bc&tag=%5B1%2C2%5D"; got.RawQuery != want {
		t.Errorf("query = %q, want %q", got.RawQuery, want)
	}
	if got.Header.Get("Content-Type") != "" {
		t.Errorf("GET sent Content-Type %q", got.Header.Get("Content-Type"))
	}
	want := map[string]any{"ok": true, "n": []any{1.0, 2.0}}
	if !reflect.DeepEqual(resp.Data, want) {
		t.Errorf("Data = %#v, want %#v", resp.Data, want)
	}
	if resp.ErrMsg != "request:ok" || resp.StatusCode != 200 || resp.Attempts != 1 {
		t.Errorf("ErrMsg %q status %d attempts %d", resp.ErrMsg, resp.StatusCode, resp.Attempts)
	}
	if resp.URL != srv.URL+"/items?x=1&q=a%20b%2Bc&tag=%5B1%2C2%5D" {
		t.Errorf("URL = %q", resp.URL)
	}
	if string(resp.Raw) != `{"ok":true,"n":[1,2]}` {
		t.Errorf("Raw = %q", resp.Raw)
	}
}

func TestPostBodies(t *testing.T) {
	type item struct {
		Name string `json:"name"`
		Note string `json:"note,omitempty"`
		Tags []string
	}
	tests := []struct {
		name     string
		header   http.Header
		data     any
		wantBody string
		wantCT   string
	}{
		{"json default", nil, map[string]any{"b": 1, "a": "<x&y>"}, `{"a":"<x&y>","b":1}`, "application/json"},
		{"json struct", nil, item{Name: "n", Tags: []string{"t"}}, `{"name":"n","Tags":["t"]}`, "application/json"},
		{"form", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			map[string]any{"a": "x y", "b": "1&2"}, "a=x%20y&b=1%262", "application/x-www-form-urlencoded"},
		{"user content type kept", http.Header{"content-type": {"application/json; charset=utf-8"}},
			[]int{1, 2}, "[1,2]", "application/json; charset=utf-8"},
		{"raw string", http.Header{"Content-Type": {"text/plain"}}, "hello", "hello", "text/plain"},
		{"raw bytes default type", nil, []byte(`{"raw":1}`), `{"raw":1}`, "application/json"},
		{"reader", http.Header{"Content-Type": {"application/octet-stream"}}, strings.NewReader("streamed"), "streamed", "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, jsonHandler(`{}`))
			c := client.New()
			h := tt.header.Clone()
			if h == nil {
				h = http.Header{}
			}
			h.Set("Referer", "https://leak.example/")
			if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "post", Data: tt.data, Header: h}); err != nil {
				t.Fatal(err)
			}
			got := srv.last(t)
			if got.Method != "POST" || string(got.Body) != tt.wantBody || got.Header.Get("Content-Type") != tt.wantCT {
				t.Errorf("got %s %q type %q, want POST %q type %q", got.Method, got.Body, got.Header.Get("Content-Type"), tt.wantBody, tt.wantCT)
			}
			if r := got.Header.Get("Referer"); r != "" {
				t.Errorf("Referer sent: %q", r)
			}
			if h.Get("Referer") == "" {
				t.Error("caller's header was modified")
			}
		})
	}
}

func TestMultipartBody(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{}`))
	c := client.New(client.WithEncoder("multipart/form-data", encoders.Multipart{Boundary: "BOUNDARY"}))
	_, err := c.Request(context.Background(), client.Option{
		URL: srv.URL, Method: "POST",
		Header: http.Header{"Content-Type": {"multipart/form-data"}},
		Data: map[string]any{
			"title": "hi",
			"file":  encoders.File{Name: "a.txt", ContentType: "text/plain", Reader: strings.NewReader("file body")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.last(t)
	if ct := got.Header.Get("Content-Type"); ct != "multipart/form-data; boundary=BOUNDARY" {
		t.Errorf("Content-Type = %q", ct)
	}
	want := "--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n" +
		"Content-Type: text/plain\r\n\r\n" +
		"file body\r\n" +
		"--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"title\"\r\n\r\n" +
		"hi\r\n" +
		"--BOUNDARY--\r\n"
	if string(got.Body) != want {
		t.Errorf("body =\n%q\nwant\n%q", got.Body, want)
	}
}

func TestRefererDroppedOnRedirect(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/from" {
			http.Redirect(w, r, "/to", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(`"done"`))
	})
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL + "/from"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data != "done" || resp.URL != srv.URL+"/to" {
		t.Errorf("Data %v URL %q", resp.Data, resp.URL)
	}
	if r := srv.last(t).Header.Get("Referer"); r != "" {
		t.Errorf("redirect sent Referer %q", r)
	}
}

func TestDecoding(t *testing.T) {
	tests := []struct {
		name, body, dataType, respType string
		status                         int
		want                           any
		wantDecodeErr                  bool
	}{
		{"object", `{"a":"b"}`, "", "", 200, map[string]any{"a": "b"}, false},
		{"array", `[1,"x"]`, "json", "text", 200, []any{1.0, "x"}, false},
		{"scalar", `42`, "", "", 200, 42.0, false},
		{"invalid json", `<html>`, "", "", 200, nil, true},
		{"empty body", ``, "", "", 200, nil, false},
		{"204", ``, "", "", 204, nil, false},
		{"text", `{"a":1}`, "text", "text", 200, `{"a":1}`, false},
		{"arraybuffer", `{"a":1}`, "json", "arraybuffer", 200, []byte(`{"a":1}`), false},
		{"error status is a response", `{"e":1}`, "", "", 500, map[string]any{"e": 1.0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, DataType: client.DataType(tt.dataType), ResponseType: client.ResponseType(tt.respType)})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(resp.Data, tt.want) {
				t.Errorf("Data = %#v, want %#v", resp.Data, tt.want)
			}
			if (resp.DecodeErr != nil) != tt.wantDecodeErr || (tt.wantDecodeErr && !errors.Is(resp.DecodeErr, encoders.ErrDecode)) {
				t.Errorf("DecodeErr = %v", resp.DecodeErr)
			}
			if string(resp.Raw) != tt.body || resp.StatusCode != tt.status || resp.ErrMsg != "request:ok" {
				t.Errorf("Raw %q status %d ErrMsg %q", resp.Raw, resp.StatusCode, resp.ErrMsg)
			}
		})
	}
}

func TestTypedCall(t *testing.T) {
	type user struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			_, _ = w.Write([]byte(`not json`))
			return
		}
		_, _ = w.Write([]byte(`{"id":7,"name":"ann"}`))
	})
	c := client.New(client.WithBaseURL(srv.URL))
	res, err := client.Do[user](context.Background(), c, client.Option{URL: "/u"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Value != (user{7, "ann"}) || res.Data != (user{7, "ann"}) {
		t.Errorf("Value %+v Data %+v", res.Value, res.Data)
	}
	var failed int
	res, err = client.Do[user](context.Background(), c, client.Option{URL: "/bad", Fail: func(*client.Response, error) { failed++ }})
	if !errors.Is(err, client.ErrDecode) || failed != 1 {
		t.Fatalf("err = %v, Fail called %d times", err, failed)
	}
	if !strings.HasPrefix(res.ErrMsg, "request:fail ") || string(res.Raw) != "not json" {
		t.Errorf("ErrMsg %q Raw %q", res.ErrMsg, res.Raw)
	}
}

func TestOKHelper(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(404) })
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var se *client.StatusError
	if !errors.As(resp.OK(), &se) || se.StatusCode != 404 {
		t.Errorf("OK() = %v", resp.OK())
	}
}

// A JSON number past float64 is +Inf in Request's Data, as JSON.parse has
// it, and ErrDecode for Do[T], by encoding/json's rules (README DataType).
func TestNumberPastFloat64(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(`{"n":1e400}`)) })
	c := client.New()
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL})
	if m, _ := resp.Data.(map[string]any); err != nil || m["n"] != math.Inf(1) {
		t.Fatalf("Request: data %v, err %v; want n +Inf", resp.Data, err)
	}
	if _, err := client.Do[struct{ N float64 }](context.Background(), c, client.Option{URL: srv.URL}); !errors.Is(err, client.ErrDecode) {
		t.Fatalf("Do: err %v; want ErrDecode", err)
	}
}
