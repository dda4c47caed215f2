//go:build ignore

// CH-DIR-08.types: Channels of different element types cannot be compared.
// want: invalid operation: a == b (mismatched types chan int and chan int64)
package main

func main() {
	a := make(chan int, 1)
	aCopy := a
	b := make(chan int64, 1)
	if a != aCopy {
		panic("channels of one element type compare")
	}
	_ = a == b // violation
	close(b)
}
