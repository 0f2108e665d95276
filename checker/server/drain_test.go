package server

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"
)

// TestDrainListener: connections the kernel has completed but nobody has
// accepted are taken when the drain starts, then Accept ends with
// net.ErrClosed within drainQuiet of the last one.
func TestDrainListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var clients []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		clients = append(clients, c)
	}
	time.Sleep(20 * time.Millisecond) // the handshakes complete in the kernel's queue
	dl := &drainListener{Listener: ln}
	start := time.Now()
	if !dl.startDrain() {
		t.Fatal("a TCP listener cannot drain")
	}
	accepted := 0
	for {
		c, err := dl.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				t.Fatalf("Accept: %v, want net.ErrClosed", err)
			}
			break
		}
		c.Close()
		accepted++
	}
	if accepted != len(clients) {
		t.Errorf("%d queued connections accepted, want %d", accepted, len(clients))
	}
	if d := time.Since(start); d > drainMax+100*time.Millisecond {
		t.Errorf("the drain took %v, want at most %v", d, drainMax)
	}
}

// TestShutdownAnswersSentRequests: a request that reaches the server after
// the shutdown began, on a connection opened before it, is answered (with
// http.Server.Shutdown alone the server reads it and closes the
// connection without an answer); then new connections are refused and Run
// returns nil.
func TestShutdownAnswersSentRequests(t *testing.T) {
	s := newServer(t, Options{})
	addr, cancel, runErr := runOnLoopback(t, s)

	body := url.Values{"text": {"Officials met on Monday , and left."}, "language": {"en-US"}}.Encode()
	head := "POST /v2/check HTTP/1.1\r\nHost: " + addr + "\r\n"
	rest := "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // the server has the connection and half a request
	cancel()
	time.Sleep(50 * time.Millisecond) // the shutdown has begun
	if _, err := conn.Write([]byte(rest)); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request sent before the shutdown got no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the request sent before the shutdown: %s, want 200", resp.Status)
	}

	time.Sleep(drainMax + 50*time.Millisecond)
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("a new connection was accepted after the drain")
	}
	select {
	case err := <-runErr:
		if err != nil {
			t.Errorf("Run: %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
}
