package transports_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"syscall"

	"github.com/taroreq/taroreq/transports"
)

func ExampleScripted() {
	fake := transports.NewScripted()
	fake.On("GET", "https://api.example.com/items").
		Fail(syscall.ECONNRESET).
		Then(transports.Step{
			Status: 200,
			Header: http.Header{"Content-Type": {"application/json"}},
			Body:   []byte(`{"items":[]}`),
		})
	fake.On(transports.Any, transports.Any).Respond(404, "not found")

	c := &http.Client{Transport: fake}
	for _, u := range []string{
		"https://api.example.com/items",
		"https://api.example.com/items",
		"https://api.example.com/other",
	} {
		resp, err := c.Get(u)
		if err != nil {
			fmt.Println("error:", errors.Is(err, syscall.ECONNRESET))
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.Status, string(body))
	}
	fmt.Println("items requested:", fake.Count("GET", "https://api.example.com/items"))
	// Output:
	// error: true
	// 200 OK {"items":[]}
	// 404 Not Found not found
	// items requested: 2
}

func ExampleNoRepeat() {
	fake := transports.NewScripted(transports.NoRepeat())
	fake.On("POST", "https://api.example.com/jobs").Respond(201, "created")

	c := &http.Client{Transport: fake}
	for range 2 {
		resp, err := c.Post("https://api.example.com/jobs", "text/plain", nil)
		if err != nil {
			fmt.Println(errors.Is(err, transports.ErrExhausted))
			continue
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
	}
	// Output:
	// 201 Created
	// true
}

func ExampleError() {
	c := &http.Client{Transport: transports.Error(syscall.ECONNREFUSED)}
	_, err := c.Get("https://api.example.com/")
	fmt.Println(errors.Is(err, syscall.ECONNREFUSED))
	// Output: true
}

func ExampleRecorder() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session=s3cr3t")
		fmt.Fprint(w, "hello, recorder")
	}))
	defer srv.Close()
	dir, err := os.MkdirTemp("", "cassette")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	// Record: requests go to the server, exchanges to dir.
	rec, err := transports.NewRecorder(srv.Client().Transport, dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err := (&http.Client{Transport: rec}).Get(srv.URL + "/greet?api_key=k-123&lang=en")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close() // the exchange is written by now
	fmt.Println("live:", string(body))

	xs, _ := transports.LoadExchanges(dir)
	u, _ := url.Parse(xs[0].Request.URL)
	fmt.Println("recorded:", u.RequestURI(), xs[0].Response.Header.Get("Set-Cookie"))

	// Replay: the server is gone, the answers come from dir.
	srv.Close()
	replay, err := transports.NewReplayer(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err = (&http.Client{Transport: replay}).Get(srv.URL + "/greet?api_key=k-123&lang=en")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("replayed:", string(body))

	_, err = (&http.Client{Transport: replay}).Get(srv.URL + "/unknown")
	fmt.Println(errors.Is(err, transports.ErrNotRecorded))
	// Output:
	// live: hello, recorder
	// recorded: /greet?api_key=REDACTED&lang=en REDACTED
	// replayed: hello, recorder
	// true
}
