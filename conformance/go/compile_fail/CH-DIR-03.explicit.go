//go:build ignore

// CH-DIR-03.explicit: Not even an explicit conversion turns a send-only channel into a receive-only one.
// want: cannot convert s (variable of type chan<- int) to type <-chan int
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	_ = (<-chan int)(s) // violation
	close(s)
}
