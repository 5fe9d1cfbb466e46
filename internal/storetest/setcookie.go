// Package storetest holds the Stores that the store's and the HTTP cache's
// tests share.
package storetest

import (
	"context"

	"github.com/taroreq/taroreq/middleware/store"
)

// LeakedSetCookie is the Set-Cookie that WithSetCookie adds.
const LeakedSetCookie = "sid=someone-else; Path=/"

// WithSetCookie hands back every entry of its Store with a Set-Cookie, as a
// shared storage that an older version or another program wrote may. It
// has neither View nor ViewBody, so every read goes through Get. It is safe
// for concurrent use if its Store is.
type WithSetCookie struct{ store.Store }

// Get returns the Store's entry with LeakedSetCookie added.
func (w WithSetCookie) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	e, ok, err := w.Store.Get(ctx, key)
	if ok {
		e.Header = e.Header.Clone()
		e.Header["Set-Cookie"] = []string{LeakedSetCookie}
	}
	return e, ok, err
}
