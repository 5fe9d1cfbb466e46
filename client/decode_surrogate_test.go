package client_test

import (
	"context"
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
