// Package redisstore is a store.Store on Redis, so that the replicas of a
// service share what Option.UseStore stores: a response one replica fetched
// answers the same request on every other.
//
//	rdb := redis.NewUniversalClient(&redis.UniversalOptions{
//		Addrs: []string{"redis:6379"}, ContextTimeoutEnabled: true})
//	c := client.New(client.WithStore(redisstore.New(rdb), store.WithErrorHandler(report)))
//
// New takes a redis.UniversalClient: a single Redis (*redis.Client), a
// Cluster (*redis.ClusterClient) or Sentinel failover (a failover client)
// all work, since every operation is one command on one key (GET, SET, DEL).
// The Store does not own the client: close it yourself when done.
//
// The HTTP cache keeps its entries in a store.Store as well, so replicas
// can share it too; give it a prefix of its own:
//
//	httpcache.WithStorage(redisstore.New(rdb, redisstore.WithPrefix("taroreq:httpcache:")))
//
// # Semantics
//
// The same as store.Memory's: keys, StoreCheck, DataCheck and the stale
// fallback are the store layer's business and work unchanged. Entries are
// kept encoded with store.Entry.MarshalBinary under WithPrefix + the store
// key, which holds no secret (a label without userinfo and query, then a
// SHA-256 of the method, the URL, the body and the credential partition; see
// store.Key); replicas that must share the entries of credentialed requests
// need one partition key (client.WithPartitionKey). A key holding
// a value that does not decode is an error matching store.ErrCorrupt; the
// next successful response for that request overwrites it.
//
// # Bounds
//
// Redis is shared, so this package bounds no totals itself: entries expire
// WithTTL after they are written (default: never), an entry larger than
// WithMaxEntryBytes is neither written nor read, and the rest is Redis's maxmemory and
// maxmemory-policy (allkeys-lru or allkeys-lfu evict stored responses the
// way store.Memory does; with volatile-* policies set a TTL, or entries are
// never evicted).
//
// # Failures
//
// A Store error never fails a request: the store layer skips the store,
// goes to the network and reports the error to store.WithErrorHandler.
// Every operation runs under WithTimeout (default 100ms) and half of what
// is left of the caller's context deadline, so an unreachable Redis costs an
// operation at most that, and a request with a short deadline still has
// time for the network;
// and once one got no answer, operations fail at once with ErrUnavailable
// for WithCooldown (default 1s), but for one per cooldown that probes Redis,
// so a Redis that is down costs requests next to nothing.
// go-redis applies a context deadline to dialing and to waiting for a pooled
// connection always, but to socket reads and writes only when the client has
// ContextTimeoutEnabled: create it with ContextTimeoutEnabled: true (or with
// ReadTimeout and WriteTimeout no longer than the op timeout), or a Redis
// that accepts connections but does not answer holds a request for
// ReadTimeout (5s by default). Errors counts the failures, for metrics.
package redisstore
