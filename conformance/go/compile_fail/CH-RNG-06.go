//go:build ignore

// CH-RNG-06: Ranging over a send-only channel does not compile.
// want: cannot range over s
package main

func main() {
	ch := make(chan int, 1)
	var s chan<- int = ch
	for range s { // violation
	} // violation
	close(s)
}
