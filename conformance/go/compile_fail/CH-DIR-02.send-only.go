//go:build ignore

// CH-DIR-02.send-only: A send-only channel does not convert back to a bidirectional one.
// want: cannot use s (variable of type chan<- int) as type chan int
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	var _ chan int = s // violation
	close(s)
}
