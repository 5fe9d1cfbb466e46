package redisstore_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

var ctx = context.Background()

func entry(body string) store.Entry {
	return store.Entry{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}, "X-A": {"1", "2"}},
		Body: []byte(body), URL: "http://api.test/a?q=1", StoredAt: time.Unix(1700000000, 123456789)}
}

func TestGetSetDeleteMiss(t *testing.T) {
	_, rdb := newRedis(t)
	st := redisstore.New(rdb)
	key := store.Key("GET", "http://api.test/a?q=1", nil, "")

	if e, ok, err := st.Get(ctx, key); ok || err != nil || !reflect.DeepEqual(e, store.Entry{}) {
		t.Fatalf("miss: %+v %v %v", e, ok, err)
	}
	want := entry(`{"v":"1"}`)
	if err := st.Set(ctx, key, want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.Get(ctx, key)
	if !ok || err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("get: %+v %v %v, want %+v", got, ok, err, want)
	}
	// The entry is the caller's own: changing it changes nothing stored.
	got.Body[0] = 'X'
	got.Header.Set("Content-Type", "text/plain")
	if again, _, _ := st.Get(ctx, key); !reflect.DeepEqual(again, want) {
		t.Fatalf("stored entry changed through a returned one: %+v", again)
	}
	if err := st.Set(ctx, key, entry(`{"v":"2"}`)); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.Get(ctx, key); string(got.Body) != `{"v":"2"}` {
		t.Fatalf("overwrite: %s", got.Body)
	}
	if err := st.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.Get(ctx, key); ok || err != nil {
		t.Fatalf("after delete: %v %v", ok, err)
	}
	if err := st.Delete(ctx, key); err != nil {
		t.Fatalf("deleting a missing key: %v", err)
	}
	if n := st.Errors(); n != 0 {
		t.Fatalf("Errors() = %d, want 0", n)
	}
}

func TestPrefixAndEncoding(t *testing.T) {
	_, rdb := newRedis(t)
	def, a, b := redisstore.New(rdb), redisstore.New(rdb, redisstore.WithPrefix("a:")), redisstore.New(rdb, redisstore.WithPrefix("b:"))
	e := entry(`{"v":"1"}`)
	def.Set(ctx, "k", e)
	a.Set(ctx, "k", e)
	if _, ok, _ := b.Get(ctx, "k"); ok {
		t.Fatal("prefix b: sees prefix a's entry")
	}
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Sort(keys); strings.Join(keys, ",") != "a:k,taroreq:store:k" {
		t.Fatalf("keys %v", keys)
	}
	raw, _ := rdb.Get(ctx, "a:k").Bytes()
	enc, _ := e.MarshalBinary()
	if string(raw) != string(enc) {
		t.Fatalf("value is not Entry.MarshalBinary's encoding:\n%q\n%q", raw, enc)
	}
	if ttl := rdb.PTTL(ctx, "a:k").Val(); ttl != -1 {
		t.Fatalf("default TTL %v, want none (-1)", ttl)
	}
}

func TestTTL(t *testing.T) {
	_, rdb := newRedis(t)
	// A TTL of 1 s and ops of up to 2 s: under -race on a loaded machine
	// an op took over the default 100 ms, and 300 ms could pass before
	// the entry was looked at.
	st := redisstore.New(rdb, redisstore.WithTTL(time.Second), redisstore.WithTimeout(2*time.Second))
	st.Set(ctx, "k", entry(`{}`))
	if ttl := rdb.PTTL(ctx, redisstore.DefaultPrefix+"k").Val(); ttl <= 0 || ttl > time.Second {
		t.Fatalf("PTTL %v, want in (0, 1s]", ttl)
	}
	if _, ok, _ := st.Get(ctx, "k"); !ok {
		t.Fatal("entry gone before its TTL")
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, ok, err := st.Get(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("entry did not expire")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A negative TTL is no TTL (not go-redis's KEEPTTL).
	redisstore.New(rdb, redisstore.WithTTL(-1)).Set(ctx, "n", entry(`{}`))
	if ttl := rdb.PTTL(ctx, redisstore.DefaultPrefix+"n").Val(); ttl != -1 {
		t.Fatalf("negative TTL gave PTTL %v, want -1", ttl)
	}
}

func TestMaxEntryBytes(t *testing.T) {
	_, rdb := newRedis(t)
	st := redisstore.New(rdb, redisstore.WithMaxEntryBytes(200))
	st.Set(ctx, "k", entry(`{"v":"small"}`))
	if _, ok, _ := st.Get(ctx, "k"); !ok {
		t.Fatal("small entry not stored")
	}
	if err := st.Set(ctx, "k", entry(`{"v":"`+strings.Repeat("x", 300)+`"}`)); err != nil {
		t.Fatalf("too large is not an error: %v", err)
	}
	if _, ok, _ := st.Get(ctx, "k"); ok {
		t.Fatal("too large entry stored, or the older one kept")
	}
	// Zero or less is the default bound, as for every body bound of the
	// project, not "no bound".
	for _, n := range []int{0, -1} {
		if err := redisstore.New(rdb, redisstore.WithMaxEntryBytes(n)).Set(ctx, "big", entry(strings.Repeat("x", 2<<20))); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := st.Get(ctx, "big"); ok {
			t.Fatalf("WithMaxEntryBytes(%d) stored a 2 MiB entry: no bound", n)
		}
	}
	// 2 s for ops that move 2 MiB: the default 100 ms was too little under
	// -race on a loaded machine.
	larger := redisstore.New(rdb, redisstore.WithMaxEntryBytes(4<<20), redisstore.WithTimeout(2*time.Second))
	larger.Set(ctx, "big", entry(strings.Repeat("x", 2<<20)))
	if e, ok, _ := larger.Get(ctx, "big"); !ok || len(e.Body) != 2<<20 {
		t.Fatal("WithMaxEntryBytes(4 MiB) did not store a 2 MiB entry")
	}
	// Reads are bounded too: a value over the bound that another store
	// wrote is read no further than the bound, and is a miss.
	if e, ok, err := redisstore.New(rdb, redisstore.WithTimeout(2*time.Second)).Get(ctx, "big"); ok || !errors.Is(err, redisstore.ErrTooLarge) || e.Body != nil {
		t.Fatalf("a 2 MiB value under the default bound: ok %v, err %v", ok, err)
	}
	redisstore.New(rdb).Set(ctx, "big2", entry(strings.Repeat("x", redisstore.DefaultMaxEntryBytes)))
	if _, ok, _ := redisstore.New(rdb).Get(ctx, "big2"); ok {
		t.Fatal("default bound not applied")
	}
}

func TestCorruptValue(t *testing.T) {
	_, rdb := newRedis(t)
	st := redisstore.New(rdb)
	for i, v := range []string{"garbage", "\x01\xc8"} {
		rdb.Set(ctx, redisstore.DefaultPrefix+"k", v, 0)
		e, ok, err := st.Get(ctx, "k")
		if ok || !errors.Is(err, store.ErrCorrupt) || e.Body != nil {
			t.Fatalf("%q: %+v %v %v", v, e, ok, err)
		}
		if n := st.Errors(); n != uint64(i+1) {
			t.Fatalf("Errors() = %d, want %d", n, i+1)
		}
	}
	// An empty value is no entry: a miss (a bounded read cannot tell it
	// from a key Redis does not hold).
	rdb.Set(ctx, redisstore.DefaultPrefix+"k", "", 0)
	if _, ok, err := st.Get(ctx, "k"); ok || err != nil {
		t.Fatalf("empty value: %v %v", ok, err)
	}
	// The next write heals it.
	st.Set(ctx, "k", entry(`{}`))
	if _, ok, err := st.Get(ctx, "k"); !ok || err != nil {
		t.Fatalf("after overwrite: %v %v", ok, err)
	}
}

func TestRedisDownFailsFast(t *testing.T) {
	for _, cooldown := range []time.Duration{time.Minute, 0} {
		t.Run("cooldown="+cooldown.String(), func(t *testing.T) {
			srv, rdb := newRedis(t)
			var trips roundTrips
			rdb.AddHook(&trips)
			const timeout = 50 * time.Millisecond
			st := redisstore.New(rdb, redisstore.WithTimeout(timeout), redisstore.WithCooldown(cooldown))
			st.Set(ctx, "k", entry(`{}`))
			srv.Kill()
			ops := []struct {
				name string
				do   func() error
			}{
				{"get", func() error { _, _, err := st.Get(ctx, "k"); return err }},
				{"set", func() error { return st.Set(ctx, "k", entry(`{}`)) }},
				{"delete", func() error { return st.Delete(ctx, "k") }},
			}
			for i := range 3 {
				for j, op := range ops {
					tripsBefore := trips.n.Load()
					start := time.Now()
					err := op.do()
					took := time.Since(start)
					if err == nil || !strings.HasPrefix(err.Error(), "redisstore: "+op.name+": ") {
						t.Fatalf("%s with Redis down: %v", op.name, err)
					}
					first := i == 0 && j == 0
					if cooldown > 0 && !first {
						// Cooling down: no round trip at all (counted: a
						// 20 ms bound was within a loaded machine's reach).
						if n := trips.n.Load() - tripsBefore; !errors.Is(err, redisstore.ErrUnavailable) || n != 0 || took > timeout+250*time.Millisecond {
							t.Errorf("%s cooling down: %v after %v and %d round trip(s)", op.name, err, took, n)
						}
						continue
					}
					if n := trips.n.Load() - tripsBefore; errors.Is(err, redisstore.ErrUnavailable) || n == 0 || took > timeout+250*time.Millisecond {
						t.Errorf("%s with Redis down: %v after %v and %d round trip(s) (op timeout %v)", op.name, err, took, n, timeout)
					}
				}
			}
			if n := st.Errors(); n != 9 {
				t.Fatalf("Errors() = %d, want 9", n)
			}
		})
	}
}

func TestPausedRedisBoundedByTimeoutThenRecovers(t *testing.T) {
	srv, rdb := newRedis(t)
	const timeout, cooldown = 50 * time.Millisecond, 200 * time.Millisecond
	st := redisstore.New(rdb, redisstore.WithTimeout(timeout), redisstore.WithCooldown(cooldown))
	st.Set(ctx, "k", entry(`{}`)) // a pooled connection now exists
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	t.Cleanup(func() { srv.Resume() })
	start := time.Now()
	_, ok, err := st.Get(ctx, "k")
	if took := time.Since(start); ok || !errors.Is(err, context.DeadlineExceeded) || took > timeout+250*time.Millisecond {
		t.Fatalf("get on a paused Redis: ok %v err %v after %v (op timeout %v)", ok, err, took, timeout)
	}
	if _, _, err := st.Get(ctx, "k"); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("right after a timeout: %v, want ErrUnavailable", err)
	}
	srv.Resume()
	time.Sleep(cooldown)
	// The probe gets an answer (the paused server's backlog included) and
	// ends the cooldown.
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, ok, err = st.Get(ctx, "k")
		if ok && err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery after Resume: %v %v", ok, err)
		}
		time.Sleep(cooldown / 4)
	}
	if err := st.Set(ctx, "k", entry(`{}`)); err != nil {
		t.Fatalf("after recovery: %v", err)
	}
}

func TestCallerDeadlineWins(t *testing.T) {
	srv, rdb := newRedis(t)
	// An op timeout far past the caller's deadline, so that which one
	// ended the call shows even on a loaded machine (-race, CI).
	st := redisstore.New(rdb, redisstore.WithTimeout(3*time.Second))
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	short, cancel := context.WithTimeout(ctx, 5*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := st.Set(short, "k", entry(`{}`)); err == nil || time.Since(start) > time.Second {
		t.Fatalf("set with a 5ms caller deadline: %v after %v", err, time.Since(start))
	}
	srv.Resume()
	// The caller giving up says nothing about Redis: no cooldown.
	if err := st.Set(ctx, "k", entry(`{}`)); err != nil {
		t.Fatalf("after a caller's deadline: %v", err)
	}
}

func TestErrorReplyIsNoOutage(t *testing.T) {
	_, rdb := newRedis(t)
	st := redisstore.New(rdb)
	rdb.LPush(ctx, redisstore.DefaultPrefix+"list", "x")
	if _, ok, err := st.Get(ctx, "list"); ok || err == nil || errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("GET on a list: %v %v, want WRONGTYPE", ok, err)
	}
	if err := st.Set(ctx, "k", entry(`{}`)); err != nil {
		t.Fatalf("an error reply started a cooldown: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	_, rdb := newRedis(t)
	st := redisstore.New(rdb)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				key := string(rune('a' + (g+i)%4))
				switch i % 3 {
				case 0:
					if err := st.Set(ctx, key, entry(`{"g":1}`)); err != nil {
						t.Error(err)
					}
				case 1:
					if e, ok, err := st.Get(ctx, key); err != nil || ok && string(e.Body) != `{"g":1}` {
						t.Error(e, ok, err)
					}
				default:
					if err := st.Delete(ctx, key); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestNilClientIsAnErrorNotAPanic(t *testing.T) {
	st := redisstore.New(nil)
	if _, ok, err := st.Get(ctx, "k"); ok || !errors.Is(err, redisstore.ErrNoClient) {
		t.Fatalf("Get = ok %v, %v; want ErrNoClient", ok, err)
	}
	if err := st.Set(ctx, "k", entry(`{}`)); !errors.Is(err, redisstore.ErrNoClient) {
		t.Fatalf("Set = %v; want ErrNoClient", err)
	}
	if err := st.Delete(ctx, "k"); !errors.Is(err, redisstore.ErrNoClient) {
		t.Fatalf("Delete = %v; want ErrNoClient", err)
	}
}

// A universal client on one address is a plain client; Cluster and Sentinel
// take the same code path (one command on one key).
func TestUniversalClient(t *testing.T) {
	srv, _ := newRedis(t)
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr}, ContextTimeoutEnabled: true})
	defer rdb.Close()
	st := redisstore.New(rdb, redisstore.WithPrefix("u:"))
	if err := st.Set(ctx, "k", entry(`{"v":1}`)); err != nil {
		t.Fatal(err)
	}
	e, ok, err := st.Get(ctx, "k")
	if err != nil || !ok || string(e.Body) != `{"v":1}` {
		t.Fatalf("Get = %q, %v, %v", e.Body, ok, err)
	}
	if n := rdb.Exists(ctx, "u:k").Val(); n != 1 {
		t.Fatalf("key u:k exists %d times, want 1", n)
	}
}

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
