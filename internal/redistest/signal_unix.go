//go:build unix

package redistest

import "syscall"

// Pause stops the process (SIGSTOP): connections stay open and commands get
// no answer, as with an overloaded or partitioned Redis. Resume or Kill
// undoes it.
func (s *Server) Pause() error { return s.cmd.Process.Signal(syscall.SIGSTOP) }

// Resume continues a paused server (SIGCONT).
func (s *Server) Resume() error { return s.cmd.Process.Signal(syscall.SIGCONT) }
