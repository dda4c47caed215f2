//go:build ignore

// CH-DIR-08: A send-only and a receive-only channel cannot be compared, though each compares with the channel.
// want: invalid operation: s == r (mismatched types chan<- int and <-chan int)
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	var r <-chan int = ch
	if !(s == ch && r == ch) {
		panic("each view compares with the channel")
	}
	_ = s == r // violation
}
