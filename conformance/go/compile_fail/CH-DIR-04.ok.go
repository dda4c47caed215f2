//go:build ignore

// CH-DIR-04.ok: Receiving with ok from a send-only channel does not compile.
// want: cannot receive from send-only channel s
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	_, _ = <-s // violation
	close(s)
}
