package httpcache

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware/store"
)

// lookup is what the storage holds for one request.
type lookup struct {
	index string   // the URL's index key
	gen   string   // the index's generation, "" without an index
	names []string // the index's Vary field names
	part  string   // the request's credential partition
	entry store.Entry
	ok    bool // entry holds the stored response to this request
}

// lookup reads the URL's index and, if read, the request's variant.
func (t *Transport) lookup(req *http.Request, read bool) lookup {
	lk := lookup{index: indexKey(req.URL.String()), part: t.partition(req)}
	ctx := req.Context()
	ie, ok := t.get(ctx, lk.index)
	if !ok {
		return lk
	}
	lk.gen = ie.Header.Get(hdrGen)
	if v := ie.Header.Get(hdrVary); v != "" {
		lk.names = strings.Split(v, ",")
	}
	if read && lk.gen != "" {
		lk.entry, lk.ok = t.get(ctx, variantKey(lk.index, lk.gen, lk.names, req, lk.part))
	}
	return lk
}

func (t *Transport) get(ctx context.Context, key string) (store.Entry, bool) {
	e, ok, err := t.c.storage.Get(ctx, key)
	if err != nil {
		t.c.onError(err)
		return store.Entry{}, false
	}
	return e, ok
}

// put stores e as the response to req, writing the URL's index first when
// it is missing or names other Vary fields.
func (t *Transport) put(ctx context.Context, req *http.Request, lk lookup, e store.Entry) {
	names, _ := varyNames(e.Header)
	gen := lk.gen
	if gen == "" || strings.Join(names, ",") != strings.Join(lk.names, ",") {
		if gen == "" {
			gen = newGen(t.c.now().UnixNano()) + "." + newGen(t.gens.Add(1))
		}
		ie := store.Entry{StatusCode: http.StatusOK, URL: credential.URL(req.URL), StoredAt: e.StoredAt,
			Header: http.Header{hdrGen: {gen}}}
		if len(names) > 0 {
			ie.Header.Set(hdrVary, strings.Join(names, ","))
		}
		if err := t.c.storage.Set(ctx, lk.index, ie); err != nil {
			t.c.onError(err)
			return
		}
	}
	if err := t.c.storage.Set(ctx, variantKey(lk.index, gen, names, req, lk.part), e); err != nil {
		t.c.onError(err)
	}
}

// staleness returns how the entry stands at now.
func (lk lookup) staleness(now time.Time) staleness {
	return entryStaleness(lk.entry, now)
}

func entryStaleness(e store.Entry, now time.Time) staleness {
	reqTime := e.StoredAt
	if ns, err := strconv.ParseInt(e.Header.Get(hdrReqTime), 10, 64); err == nil {
		reqTime = time.Unix(0, ns)
	}
	dir := responseDirectives(e.Header)
	return staleness{
		age:      currentAge(e.Header, reqTime, e.StoredAt, now),
		lifetime: freshnessLifetime(e.Header, dir, e.StatusCode, e.StoredAt),
		dir:      dir,
	}
}

// newEntry is what the cache stores for a response.
func newEntry(req *http.Request, resp *http.Response, body []byte, reqTime, respTime time.Time) store.Entry {
	h := resp.Header.Clone()
	h.Set(hdrReqTime, strconv.FormatInt(reqTime.UnixNano(), 10))
	return store.Entry{StatusCode: resp.StatusCode, Header: h, Body: body, URL: credential.URL(req.URL), StoredAt: respTime}
}

// merge updates a stored entry with a 304's header fields (RFC 9111 §4.3.4)
// and the new exchange's times.
func merge(e store.Entry, h http.Header, reqTime, respTime time.Time) store.Entry {
	nh := e.Header.Clone()
	for k, vs := range h {
		switch k {
		case "Content-Length", "Content-Encoding", "Transfer-Encoding", "Connection":
			continue
		}
		nh[k] = append([]string(nil), vs...)
	}
	nh.Set(hdrReqTime, strconv.FormatInt(reqTime.UnixNano(), 10))
	e.Header, e.StoredAt = nh, respTime
	return e
}
