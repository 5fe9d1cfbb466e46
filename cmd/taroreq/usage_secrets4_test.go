package main

import "testing"

// A scheme-less URL whose host is a single label (localhost, the most
// common one) with a port: urlLabel takes "localhost" for a header name
// (no dot, slash or @ before the colon) and itemLabel, finding no secret
// key, returns the argument whole, secret query parameter and fragment
// included. Before 23be074 credential.String redacted it.
func TestUsageErrorOfASingleLabelHostRedactsItsQuery(t *testing.T) {
	wantNoSecret(t, [][]string{
		{"localhost:99999/x?access_token=SEKRET-A"},
		{"localhost:8080x/?api_key=SEKRET-B"},
		{"h:0/x#access_token=SEKRET-C"},
		{"--backup", "localhost:0/x?access_token=SEKRET-D", "http://127.0.0.1:1/x"},
		{"--base-url", "localhost:8080/v1?api_key=SEKRET-E", "/x"},
	})
}
