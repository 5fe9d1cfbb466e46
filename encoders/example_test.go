package encoders_test

import (
	"fmt"

	"github.com/taroreq/taroreq/encoders"
)

// Query data is escaped as JavaScript's encodeURIComponent does, map keys
// sorted, nil values left out.
func ExampleQuery() {
	q, err := encoders.Query(map[string]any{"q": "go & taro", "page": 2, "tags": []string{"a", "b"}, "skip": nil})
	fmt.Println(q, err)
	fmt.Println(encoders.AppendQuery("https://api.example.com/items?sort=asc", q))
	// Output:
	// page=2&q=go%20%26%20taro&tags=%5B%22a%22%2C%22b%22%5D <nil>
	// https://api.example.com/items?sort=asc&page=2&q=go%20%26%20taro&tags=%5B%22a%22%2C%22b%22%5D
}

// Decode follows Taro: JSON is parsed, an empty body or a 204 is nil, and a
// body that is not JSON is nil with the reason.
func ExampleDecode() {
	v, err := encoders.Decode([]byte(`{"id":7}`), 200, encoders.DataTypeJSON, "")
	fmt.Println(v, err)
	v, err = encoders.Decode(nil, 204, encoders.DataTypeJSON, "")
	fmt.Println(v, err)
	v, err = encoders.Decode([]byte(`<html>`), 200, encoders.DataTypeJSON, "")
	fmt.Println(v, err != nil)
	// Output:
	// map[id:7] <nil>
	// <nil> <nil>
	// <nil> true
}

// A JSONP body is unwrapped only when it is the expected call.
func ExampleUnwrapJSONP() {
	payload, err := encoders.UnwrapJSONP([]byte(`cb({"v":1});`), "cb")
	fmt.Printf("%s %v\n", payload, err)
	_, err = encoders.UnwrapJSONP([]byte(`other({"v":1})`), "cb")
	fmt.Println(err != nil)
	// Output:
	// {"v":1} <nil>
	// true
}
