#include <gosem/gosem.hpp>

#include <cstdio>

int main() {
    return gosem::run([] {
        auto squares = gosem::make_chan<int>();
        for (int i = 1; i <= 3; ++i) gosem::go([squares](int n) { squares.send(n * n); }, i);
        int sum = 0;
        for (int i = 0; i < 3; ++i) sum += squares.recv();
        std::printf("%d\n", sum);
        if (sum != 14) throw gosem::panic("wrong sum");
    });
}
