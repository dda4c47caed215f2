//go:build ignore

// CH-DIR-02.explicit: Not even an explicit conversion turns a receive-only channel back into a bidirectional one.
// want: cannot convert r (variable of type <-chan int) to type chan int
package main

func main() {
	ch := make(chan int, 1)
	ch <- 1
	var r <-chan int = ch
	_ = chan int(r) // violation
	if <-r != 1 {
		panic("the legal part runs")
	}
}
