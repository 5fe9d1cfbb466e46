// Package redistest starts a real redis-server on loopback for tests: a free
// port, no persistence, stopped (and waited for) when the test ends.
//
// Without the redis-server binary, Start skips the test with a message
// saying how to install it, unless the environment variable
// TAROREQ_REQUIRE_REDIS is "1" (CI), in which case the test fails.
package redistest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// RequireEnv names the environment variable that, set to "1", turns a
// missing redis-server into a test failure instead of a skip.
const RequireEnv = "TAROREQ_REQUIRE_REDIS"

// Server is a running redis-server. Its methods are safe for concurrent use.
type Server struct {
	Addr string // host:port on 127.0.0.1

	cmd  *exec.Cmd
	out  *lockedBuffer
	once sync.Once
	done chan struct{} // closed once the process has been waited for
}

// Start runs redis-server on a free loopback port and waits until it answers
// PING. The server is killed and waited for in t.Cleanup.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		msg := "redis-server not found; install it to run these tests (Debian/Ubuntu: apt-get install redis-server)"
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("%s; %s=1 requires it", msg, RequireEnv)
		}
		t.Skip(msg + "; set " + RequireEnv + "=1 to make this a failure")
	}
	dir := t.TempDir()
	var lastErr error
	// A free port can be taken by someone else between our probe and the
	// server's bind: try a few.
	for try := 0; try < 3; try++ {
		s, err := start(bin, dir)
		if err == nil {
			t.Cleanup(s.Kill)
			return s
		}
		lastErr = err
	}
	t.Fatalf("redistest: %v", lastErr)
	return nil
}

func start(bin, dir string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), out: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(bin, "--port", strconv.Itoa(port), "--save", "", "--appendonly", "no",
		"--bind", "127.0.0.1", "--dir", dir, "--daemonize", "no")
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s.cmd.Wait()
		close(s.done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if ping(s.Addr) == nil {
			return s, nil
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("redis-server exited: %s", strings.TrimSpace(s.out.String()))
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Kill()
			return nil, fmt.Errorf("redis-server on %s did not answer PING: %s", s.Addr, s.out.String())
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// ping sends PING over a fresh connection and expects +PONG.
func ping(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return errors.New("unexpected PING reply " + strconv.Quote(line))
	}
	return nil
}

// Kill kills the server (SIGKILL, as a crash would) and waits for the
// process. Calling it again does nothing.
func (s *Server) Kill() {
	s.once.Do(func() {
		s.Resume() // a paused server dies as well
		s.cmd.Process.Kill()
	})
	<-s.done
}

// Log returns what the server has written to stdout and stderr.
func (s *Server) Log() string { return s.out.String() }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
