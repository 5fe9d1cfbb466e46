package redisstore_test

import (
	"testing"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/internal/redistest"
)

// go-redis's dial prober, started when a pool's dials keep failing (the
// tests that kill Redis), sleeps a second between probes and sees Close only
// when it wakes: it outlives a closed client by up to a second.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/redis/go-redis/v9/internal/pool.(*ConnPool).tryDial"))
}

// newRedis starts a redis-server (or skips, see redistest) and returns it
// with a client on it, closed before the server is stopped.
func newRedis(t testing.TB) (*redistest.Server, *redis.Client) {
	t.Helper()
	srv := redistest.Start(t)
	return srv, newClient(t, srv)
}

// newClient returns one more client on srv, as another replica would have.
// ContextTimeoutEnabled makes the op timeout bound socket I/O too.
func newClient(t testing.TB, srv *redistest.Server) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr, ContextTimeoutEnabled: true})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
