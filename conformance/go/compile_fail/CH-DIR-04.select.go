//go:build ignore

// CH-DIR-04.select: A select case receiving from a send-only channel does not compile.
// want: cannot receive from send-only channel s
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	select {
	case <-s: // violation
	default:
	}
	close(s)
}
