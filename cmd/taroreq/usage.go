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

METHOD is GET, or POST when there are data items or a body. URL may be
short: ":3000/x" is http://localhost:3000/x, "example.com/x" is
http://example.com/x. Flags may come before or after the URL; "--" ends them.

Items (httpie's):
  key==value      a query parameter, whatever the method
  key==@file      a query parameter whose value is the file's text
  key=value       a string field of the data
  key=@file       a string field read from a file
  key:=json       a typed field of the data: n:=5 ok:=true tags:='["a","b"]'
  key:=@file.json a typed field read from a JSON file
  Header:value    a request header
  Header:@file    a request header whose value is the file's text (its
                  last line break left out): a token kept off the command
                  line, where ps and the shell's history show it
  Header;         a request header with an empty value
  @file           the raw request body, from a file (its type from the name)
  A backslash escapes ':', '=', ';' and '@' in a key: 'a\:b=c' is "a:b".
  GET and HEAD send the data as the query string; other methods as a JSON
  body, or a form body with --form. A body piped on stdin is sent as it is
  (POST by default); --ignore-stdin ignores it.

Request:
  --timeout D            per-attempt timeout, body included (default 2s;
                         0 or none: no deadline; with -o or --stream the
                         default is none)
  --retry-times N        retries after the first attempt, shared with the
                         backups (default 2; 0 or -1: none)
  --idempotent           allow retrying POST/PATCH after it may have been sent
  --backup URL           a failover URL, tried in order (repeatable)
  --data-check F=V       the response's JSON field F (a.b for nested) must
                         equal V, else the URL failed and the next backup is
                         tried (repeatable: all must match)
  --form, -f             send the data as application/x-www-form-urlencoded
  --auth, -a USER:PASS   basic authentication (with --auth-type bearer, -a
                         TOKEN sends "Authorization: Bearer TOKEN"); other
                         users of the machine see it in ps: to keep a secret
                         off the command line, Authorization:@file
  --auth-type, -A T      basic (default) or bearer
  --ignore-stdin         do not read a body from stdin
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
                         -o 1G); held in memory, but streamed to -o; with
                         --stream, the largest event
  --breaker-threshold N  open the circuit after N failures in a row (default:
                         when half of at least 20 attempts in a minute fail)

Store (Taro's useStore):
  --use-store            read the store before the network, write after it
  --store-file FILE      load the store from FILE and save it back after the
                         request (implies --use-store); a missing file is a
                         fresh start. With it or --cache-file, entries of
                         requests with or without credentials are keyed by
                         the user's key ($TAROREQ_PARTITION_KEY, else
                         taroreq/partition.key in the configuration directory)
  --store-check-key K    the stored JSON field that holds the version...
  --store-sign S         ...which must equal S for the store to answer
                         without the network

Output:
  --print, -p WHAT       what stdout shows: H request headers, B request
                         body, h response status line and headers, b
                         response body (default: hb on a terminal, b when
                         piped, h for HEAD)
  --headers              --print h
  --body                 --print b
  --verbose, -v          on stderr: each attempt's request (headers and
                         body) and response headers, the layer events
                         (retry, failover, store, breaker), the attempts
                         and the URL that answered
  --trace                on stderr: one line per attempt: method, URL,
                         status, duration
  -o, --output FILE      write the body to FILE, exactly as received, with a
                         progress bar on stderr when it is a terminal,
                         streamed: memory stays constant whatever the size
                         (-o - writes it so to stdout)
  -c, --continue         with -o: resume a partial FILE from its size (Range;
                         a server that ignores it gets the whole file again,
                         which replaces FILE only once it holds more). The
                         version FILE is of, kept in .FILE.taroreq-resume,
                         goes as If-Range: a file that changed is never
                         appended to another version's part (a part with
                         no recorded version resumes by Range alone)
  --stream               print the body as it arrives: chunks as they come,
                         or one line per event of a text/event-stream
  --pretty P             auto (default: colours on a terminal, indented
                         without colour when piped), all, colors, format
                         (indent only) or none (the body as received)
  --check-status         exit 3, 4 or 5 when the final status is 3xx, 4xx
                         or 5xx
  --demo                 run the retry, failover, store and breaker demo
                         against an embedded server (offline)
  --help, -h             this help

Exit codes: (httpie's, then taroreq's own)
  0    ok (any HTTP status, unless --check-status)
  1    error: connection refused or reset, DNS, every URL failed, writing
       -o or the store file, a body over --max-size
  2    usage error (bad flag, item, URL or option), or a timeout
  3    HTTP 3xx, with --check-status
  4    HTTP 4xx, with --check-status
  5    HTTP 5xx, with --check-status
  6    more than 20 redirects
  8    --data-check rejected the response
  9    circuit breaker open
  130  interrupted

Examples:
  taroreq :8080/items page==2 q==go
  taroreq -a ann:secret POST :8080/items name=Ann tags:=@tags.json
  cat order.json | taroreq :8080/orders
  taroreq PUT example.com/users/7 name=Ann admin:=true Authorization:'Bearer x'
  taroreq --backup https://b.example.com/x --data-check code=0 https://a.example.com/x
  taroreq -o big.iso https://example.com/big.iso
`

func printUsage(w io.Writer) { fmt.Fprint(w, usageText) }
