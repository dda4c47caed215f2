//go:build ignore

// CH-DIR-09: A channel does not convert to a send-only view of another element type.
// want: cannot use ch (variable of type chan int) as type chan<- int64 in variable declaration
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	var _ chan<- int64 = ch // violation
	close(s)
}
