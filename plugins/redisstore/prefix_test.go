package redisstore_test

import (
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestPrefix: keys start with DefaultPrefix by default, with the prefix
// WithPrefix gives, and with nothing for WithPrefix(""), as its doc says.
func TestPrefix(t *testing.T) {
	_, rdb := newRedis(t)
	for _, c := range []struct {
		opts []redisstore.Option
		want string
	}{
		{nil, redisstore.DefaultPrefix + "k1"},
		{[]redisstore.Option{redisstore.WithPrefix("app:")}, "app:k1"},
		{[]redisstore.Option{redisstore.WithPrefix("")}, "k1"},
	} {
		rdb.FlushDB(ctx)
		if err := redisstore.New(rdb, c.opts...).Set(ctx, "k1", store.Entry{StatusCode: 200}); err != nil {
			t.Fatal(err)
		}
		if keys, err := rdb.Keys(ctx, "*").Result(); err != nil || len(keys) != 1 || keys[0] != c.want {
			t.Errorf("keys %q (%v), want [%q]", keys, err, c.want)
		}
	}
}
