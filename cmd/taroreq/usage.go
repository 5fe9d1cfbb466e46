package main

import (
	"fmt"
	"io"
)

const usageText = `taroreq - an HTTP client for people, on the taroreq pipeline
(timeout, retries, backup URLs, dataCheck, store, circuit breaker).

Usage:
  taroreq [flags] [METHOD] URL [items...] [flags]
  taroreq --demo

METHOD is GET, or POST when there are data items. URL may be short:
":3000/x" is http://localhost:3000/x, "example.com/x" is http://example.com/x.
Flags may come before or after the URL; "--" ends them.

Items:
  key=value       a string field of the data
  key:=json       a typed field of the data: n:=5 ok:=true tags:='["a","b"]'
  Header:value    a request header
  A backslash escapes ':' and '=' in a key: 'a\:b=c' is the field "a:b".
  GET and HEAD send the data as the query string; other methods as a JSON
  body, or a form body with --form.

Request:
  --timeout D            per-attempt timeout, body included (default 2s;
                         0 or none: no deadline; with -o the default is none)
  --retry-times N        retries after the first attempt, shared with the
                         backups (default 2; 0 or -1: none)
  --idempotent           allow retrying POST/PATCH after it may have been sent
  --backup URL           a failover URL, tried in order (repeatable)
  --data-check F=V       the response's JSON field F (a.b for nested) must
                         equal V, else the URL failed and the next backup is
                         tried (repeatable: all must match)
  --form, -f             send the data as application/x-www-form-urlencoded
  --data-type T          json (default) parses the response; anything else
                         leaves it as text
  --response-type T      text (default) or arraybuffer
  --jsonp                make a JSONP GET (callback=..., unwrapped)
  --jsonp-callback NAME  the JSONP callback name (implies --jsonp)
  --jsonp-cache          no _=<time> cache-buster on JSONP requests
  --mode M               same-origin (default), cors or no-cors; matters
                         with --base-url
  --credentials C        omit (default), same-origin or include: when the
                         cookie jar is used
  --cache C              fetch cache mode: default, no-store, reload,
                         no-cache, force-cache, only-if-cached; needs
                         --cache-file (only-if-cached fails without it)
  --cache-file FILE      an RFC 9111 HTTP cache kept in FILE between runs
                         (Cache-Control, ETag revalidation, Vary)
  --base-url URL         resolve a relative URL (/path) against this
  --max-size N           largest response body, e.g. 64M (default 8M; with
                         -o 1G); the body is held in memory
  --breaker-threshold N  consecutive failures that open the circuit (default 5)

Store (Taro's useStore):
  --use-store            read the store before the network, write after it
  --store-file FILE      load the store from FILE and save it back after the
                         request (implies --use-store); a missing file is a
                         fresh start
  --store-check-key K    the stored JSON field that holds the version...
  --store-sign S         ...which must equal S for the store to answer
                         without the network

Output:
  --verbose, -v          on stderr: each attempt's request and response
                         headers, the layer events (retry, failover, store,
                         breaker), the attempts and the URL that answered
  --trace                on stderr: one line per attempt: method, URL,
                         status, duration
  -o, --output FILE      write the body to FILE, exactly as received, with a
                         progress bar on stderr when it is a terminal
  --pretty P             auto (default: colours on a terminal, indented
                         without colour when piped), all, colors, format
                         (indent only) or none (the body as received)
  --check-status         exit 7 when the final status is 400 or more
  --demo                 run the retry, failover, store and breaker demo
                         against an embedded server (offline)
  --help, -h             this help

Exit codes:
  0    ok (any HTTP status, unless --check-status)
  1    other error (writing -o, the store file, a body over --max-size)
  2    usage error (bad flag, item, URL or option); the help is printed
  3    transport failure (connection refused or reset, DNS, every URL failed)
  4    timeout
  5    --data-check rejected the response
  6    circuit breaker open
  7    HTTP status 400 or more, with --check-status
  130  interrupted

Examples:
  taroreq :8080/items page:=2 q=go
  taroreq PUT example.com/users/7 name=Ann admin:=true Authorization:'Bearer x'
  taroreq --backup https://b.example.com/x --data-check code=0 https://a.example.com/x
  taroreq -o big.iso https://example.com/big.iso
`

func printUsage(w io.Writer) { fmt.Fprint(w, usageText) }
