// Command taroreq is an httpie-like command-line client on the taroreq
// pipeline: every Option field of client.Request is a flag, and the items
// after the URL are the data and headers of the request.
//
//	taroreq [flags] [METHOD] URL [items...]
//
// Run taroreq --help for the flags, the items and the exit codes, and
// taroreq --demo for retries, failover, the store and the breaker at work
// against an embedded server.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
