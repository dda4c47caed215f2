// Port of Go's test/chan/powser1.go (Go 1.19): power series over the rationals as networks of
// goroutines. A series is a demand channel: a consumer sends a request, its producer answers with
// the next coefficient. Sums, products, derivatives, integrals, exp and substitution are
// goroutines that demand coefficients from their inputs; split duplicates a series for two
// consumers that read at different rates, through a chain of goroutine generations.
//
// This is the test half of powser1.go (its main without arguments), with exactly the operators
// that test uses; the printing half and the operators only it or nothing uses (Binom, Recip,
// Subst, Mon, Monmul, Shift, eval) are left out. powser1.go's `seqno` counter, which its goroutines
// increment without synchronisation (a benign race in Go, undefined behaviour in C++), is atomic.
#include <gosem/gosem.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

#include "stress.hpp"

using namespace gosem;

namespace {

// A rational in lowest terms with a positive denominator; den == 0 marks the end of a series.
struct rat {
    std::int64_t num = 0, den = 0;
    friend bool operator==(const rat&, const rat&) = default;
};

std::int64_t gcd(std::int64_t u, std::int64_t v) {
    if (u < 0) return gcd(-u, v);
    if (u == 0) return v;
    return gcd(v % u, u);
}

rat i2tor(std::int64_t u, std::int64_t v) {
    const std::int64_t g = gcd(u, v);
    return v > 0 ? rat{u / g, v / g} : rat{-u / g, -v / g};
}
rat itor(std::int64_t u) { return i2tor(u, 1); }

const rat zero = itor(0);
const rat one = itor(1);
const rat finis = i2tor(1, 0);

bool end(const rat& u) { return u.den == 0; }

rat add(const rat& u, const rat& v) {
    const std::int64_t g = gcd(u.den, v.den);
    return i2tor(u.num * (v.den / g) + v.num * (u.den / g), u.den * (v.den / g));
}
rat mul(const rat& u, const rat& v) {
    const std::int64_t g1 = gcd(u.num, v.den), g2 = gcd(u.den, v.num);
    return rat{(u.num / g1) * (v.num / g2), (u.den / g2) * (v.den / g1)};
}
rat neg(const rat& u) { return i2tor(-u.num, u.den); }

// A demand channel: a power series. Copies share the channels.
struct dch {
    chan<int> req = make_chan<int>();
    chan<rat> dat = make_chan<rat>();
};
using ps = dch;
// A pair of series that split's goroutines swap between generations; shared, as Go's *dch2.
using ps2 = std::shared_ptr<std::array<dch, 2>>;
ps2 make_ps2() { return std::make_shared<std::array<dch, 2>>(); }

std::atomic<int> seqno{0};

void put(const rat& dat, const dch& out) {
    out.req.recv();
    out.dat.send(dat);
}

rat get(const dch& in) {
    in.req.send(++seqno);
    return in.dat.recv();
}

// One coefficient from each of two series, requesting and receiving in whatever order the two
// producers allow.
std::array<rat, 2> get2(const dch& in0, const dch& in1) {
    std::array<chan<int>, 2> req{in0.req, in1.req};
    std::array<chan<rat>, 2> dat{};  // nil until the request went out
    std::array<rat, 2> out{};
    for (int n = 4; n > 0; --n) {
        const int s = ++seqno;
        gosem::select(send_case(req[0], s, [&] { dat[0] = in0.dat, req[0] = nullptr; }),
                      send_case(req[1], s, [&] { dat[1] = in1.dat, req[1] = nullptr; }),
                      recv_case(dat[0], [&](rat it) { out[0] = it, dat[0] = nullptr; }),
                      recv_case(dat[1], [&](rat it) { out[1] = it, dat[1] = nullptr; }));
    }
    return out;
}

void copy(const dch& in, const dch& out) {
    for (;;) {
        out.req.recv();
        out.dat.send(get(in));
    }
}

void repeat(const rat& dat, const dch& out) {
    for (;;) put(dat, out);
}

// One generation of split: serves the next coefficient of `in` to both outputs. The newest
// generation serves out[0]; older ones hold values already sent to out[0] and wait to send them
// to out[1]; a generation that has finished releases the next newer one to serve out[1].
void dosplit(dch in, ps2 out, chan<int> wait) {
    bool both = false;  // also serving out[1]
    gosem::select(recv_case((*out)[0].req), recv_case(wait, [&] {
                      both = true;
                      gosem::select(recv_case((*out)[0].req), recv_case((*out)[1].req, [&] {
                                        std::swap((*out)[0], (*out)[1]);
                                    }));
                  }));
    in.req.send(++seqno);
    auto release = make_chan<int>();
    go(dosplit, in, out, release);
    const rat dat = in.dat.recv();
    (*out)[0].dat.send(dat);
    if (!both) wait.recv();
    (*out)[1].req.recv();
    (*out)[1].dat.send(dat);
    release.send(0);
}

void split(const dch& in, const ps2& out) {
    auto release = make_chan<int>();
    go(dosplit, in, out, release);
    release.send(0);
}

ps2 Split(const ps& u) {
    auto uu = make_ps2();
    go(split, u, uu);
    return uu;
}

ps Rep(const rat& c) {
    ps z;
    go(repeat, c, z);
    return z;
}

ps Add(const ps& u, const ps& v) {
    ps z;
    go([u, v, z] {
        for (;;) {
            z.req.recv();
            const auto uv = get2(u, v);
            switch (end(uv[0]) + 2 * end(uv[1])) {
                case 0: z.dat.send(add(uv[0], uv[1])); break;
                case 1: z.dat.send(uv[1]); copy(v, z); break;
                case 2: z.dat.send(uv[0]); copy(u, z); break;
                case 3: z.dat.send(finis); break;
            }
        }
    });
    return z;
}

ps Cmul(const rat& c, const ps& u) {
    ps z;
    go([c, u, z] {
        for (bool done = false; !done;) {
            z.req.recv();
            const rat x = get(u);
            if (end(x)) done = true;
            else z.dat.send(mul(c, x));
        }
        z.dat.send(finis);
    });
    return z;
}

ps Sub(const ps& u, const ps& v) { return Add(u, Cmul(neg(one), v)); }

// u*v = u0*v0 + x*(u0*VV + v0*UU) + x*x*UU*VV, where u = u0 + x*UU and v = v0 + x*VV.
ps Mul(const ps& u, const ps& v) {
    ps z;
    go([u, v, z] {
        z.req.recv();
        const auto uv = get2(u, v);
        if (end(uv[0]) || end(uv[1])) {
            z.dat.send(finis);
            return;
        }
        z.dat.send(mul(uv[0], uv[1]));
        const ps2 uu = Split(u), vv = Split(v);
        const ps w = Add(Cmul(uv[0], (*vv)[0]), Cmul(uv[1], (*uu)[0]));
        z.req.recv();
        z.dat.send(get(w));
        copy(Add(w, Mul((*uu)[1], (*vv)[1])), z);
    });
    return z;
}

ps Diff(const ps& u) {
    ps z;
    go([u, z] {
        z.req.recv();
        if (!end(get(u))) {
            for (std::int64_t i = 1;; ++i) {
                const rat x = get(u);
                if (end(x)) break;
                z.dat.send(mul(itor(i), x));
                z.req.recv();
            }
        }
        z.dat.send(finis);
    });
    return z;
}

// The integral, with constant of integration c.
ps Integ(const rat& c, const ps& u) {
    ps z;
    go([c, u, z] {
        put(c, z);
        for (std::int64_t i = 1;; ++i) {
            z.req.recv();
            const rat x = get(u);
            z.dat.send(mul(i2tor(1, i), x));
            if (end(x)) break;
        }
        z.dat.send(finis);
    });
    return z;
}

// exp(u) for u with constant term 0 (the constant term is ignored): z = exp(u) solves
// z' = z*u', so z is the integral of z*u' with constant 1, fed back to itself through split.
ps Exp(const ps& u) {
    const ps2 zz = make_ps2();
    split(Integ(one, Mul((*zz)[0], Diff(u))), zz);
    return (*zz)[1];
}

// u(c0 * x^n): coefficient i is multiplied by c0^i and followed by n-1 zeros.
ps MonSubst(const ps& u, const rat& c0, int n) {
    ps z;
    go([u, c0, n, z] {
        rat c = one;
        for (;;) {
            z.req.recv();
            const rat x = get(u);
            z.dat.send(mul(x, c));
            c = mul(c, c0);
            if (end(x)) {
                z.dat.send(finis);
                break;
            }
            for (int i = 1; i < n; ++i) {
                z.req.recv();
                z.dat.send(zero);
            }
        }
    });
    return z;
}

constexpr int terms = 10;

void check(const ps& u, const rat& c, int count, const char* what) {
    for (int i = 0; i < count; ++i) {
        const rat r = get(u);
        CHECK_MESSAGE(r == c, what, ": term ", i, " is ", r.num, "/", r.den, ", want ", c.num,
                      "/", c.den);
    }
}

void checka(const ps& u, const std::array<rat, terms>& a, const char* what) {
    for (const rat& c : a) check(u, c, 1, what);
}

void powser1_program() {
    const ps ones = Rep(one), twos = Rep(itor(2));
    std::array<rat, terms> a;

    check(ones, one, 5, "Ones");
    check(Add(ones, ones), itor(2), 0, "Add Ones Ones");  // count 0, as in Go: builds, reads none
    check(Add(ones, twos), itor(3), 0, "Add Ones Twos");
    for (int i = 0; i < terms; ++i) a[i] = itor(i + 1);
    checka(Diff(ones), a, "Diff");  // 1 2 3 4 5
    a[0] = zero;
    for (int i = 1; i < terms; ++i) a[i] = i2tor(1, i);
    checka(Integ(zero, ones), a, "Integ");  // 0 1 1/2 1/3 1/4
    check(Cmul(neg(one), twos), itor(-2), 10, "CMul");  // -2 -2 -2
    check(Sub(ones, twos), itor(-1), 0, "Sub Ones Twos");
    for (int i = 0; i < terms; ++i) a[i] = itor(i + 1);
    checka(Mul(ones, ones), a, "Mul");  // 1 2 3 4 5
    a = {itor(1), itor(1), i2tor(3, 2), i2tor(13, 6), i2tor(73, 24), i2tor(167, 40),
         i2tor(4051, 720), i2tor(37633, 5040), i2tor(43817, 4480), i2tor(4596553, 362880)};
    checka(Exp(ones), a, "Exp");  // 1 1 3/2 13/6 73/24
    for (int i = 0, c = 1; i < terms; ++i) {
        if (i % 2 == 0) {
            a[i] = zero;
        } else {
            a[i] = i2tor(c, i);
            c = -c;
        }
    }
    checka(Integ(zero, MonSubst(ones, neg(one), 2)), a, "ATan");  // 0 1 0 -1/3 0 1/5
}

}  // namespace

// Each repetition is a program of its own: powser leaves its series' goroutines parked.
TEST_CASE("test/chan/powser1.go") {
    const int repeats = stress::size(100, 3);
    stress::each_run([&](int procs) {
        for (int r = 0; r < repeats; ++r) stress::expect_returns(procs, powser1_program);
    });
}
