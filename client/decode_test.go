package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// README, DataType: a lone surrogate escape is U+FFFD in Data (and for
// Do[T]), where JSON.parse keeps it; a pair is the character it encodes,
// and a "\u0000" a NUL, as JSON.parse has them (taro-diff ff-surrogate-json).
func TestLoneSurrogateEscapeIsReplacementCharacter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`["\ud800","\udc00\ud800x","\ud83d\ude80","\u0000"]`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	want := []string{"\uFFFD", "\uFFFD\uFFFDx", "🚀", "\x00"}
	resp, err := c.Request(ctx, client.Option{URL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := resp.Data.([]any)
	typed, err := client.Do[[]string](ctx, c, client.Option{URL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if len(got) != len(want) || got[i] != w || typed.Value[i] != w {
			t.Fatalf("Data %q, Do %q; want %q", got, typed.Value, want)
		}
	}
}

// The server's error document is read as its data would be: a leading
// UTF-8 BOM skipped, and bytes that are not UTF-8 replaced as fetch's json()
// replaces them; an empty body is still no E.
func TestDecodeErrorReadsTheBodyAsData(t *testing.T) {
	type apiErr struct {
		Code int
		Msg  string
	}
	for _, tc := range []struct {
		body string
		ok   bool
		msg  string
	}{
		{"\uFEFF{\"Code\":7,\"Msg\":\"bad\"}", true, "bad"},
		{"{\"Code\":7,\"Msg\":\"x\xE2\x82\"}", true, "x\uFFFD"},
		{"", false, ""},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			w.Write([]byte(tc.body))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, _ := c.Request(context.Background(), client.Option{URL: "/e"})
		_, err := client.Do[struct{}](context.Background(), c, client.Option{URL: "/e"})
		srv.Close()
		e, ok := client.DecodeError[apiErr](err)
		if ok != tc.ok || e.Msg != tc.msg {
			t.Errorf("body %q: DecodeError = %+v, %v; want Msg %q, %v (Data of the same answer: %v)", tc.body, e, ok, tc.msg, tc.ok, resp.Data)
		}
	}
}

// TestDoFollowsDataTypeAndResponseType: Do[string] with a DataType other
// than json gets the body's text and Do[[]byte] with ResponseType
// arraybuffer its bytes, as Request's Data holds them; they failed with
// ErrDecode, the body being no JSON. Another T is still decoded from JSON,
// and a json DataType still decodes a JSON string.
func TestDoFollowsDataTypeAndResponseType(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/json" {
			_, _ = w.Write([]byte(`"quoted"`))
			return
		}
		_, _ = w.Write([]byte("\xef\xbb\xbfhello, \xffworld"))
	})
	ctx := context.Background()
	c := client.New()
	s, err := client.Do[string](ctx, c, client.Option{URL: srv.URL + "/text", DataType: "text"})
	if err != nil || s.Value != "hello, \uFFFDworld" || s.Data != s.Value {
		t.Fatalf("Do[string], DataType text: %q, %v; want the text as Request's Data has it", s.Value, err)
	}
	b, err := client.Do[[]byte](ctx, c, client.Option{URL: srv.URL + "/text", ResponseType: client.ResponseTypeArrayBuffer})
	if err != nil || string(b.Value) != "\xef\xbb\xbfhello, \xffworld" {
		t.Fatalf("Do[[]byte], arraybuffer: %q, %v; want the bytes", b.Value, err)
	}
	if _, err := client.Do[map[string]int](ctx, c, client.Option{URL: srv.URL + "/text", DataType: "text"}); !errors.Is(err, client.ErrDecode) {
		t.Fatalf("Do[map], DataType text, a text body: %v, want ErrDecode", err)
	}
	j, err := client.Do[string](ctx, c, client.Option{URL: srv.URL + "/json"})
	if err != nil || j.Value != "quoted" {
		t.Fatalf("Do[string], json: %q, %v", j.Value, err)
	}
}
