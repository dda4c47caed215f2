// The notes' SafeCounter (N8): the data lives in a struct together with the mutex that guards it,
// and only the struct's methods touch the data, each under the lock.
//
//   type SafeCounter struct {
//       mu sync.Mutex
//       v  map[string]int
//   }
//
// A thousand goroutines increment one key; a wait_group (rather than the usual time.Sleep)
// waits for all of them, so the program always prints 1000.
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>

#include <cstdio>
#include <map>
#include <mutex>
#include <string>

class safe_counter {
public:
    void inc(const std::string& key) {
        std::lock_guard hold(mu_);
        ++v_[key];
    }
    int value(const std::string& key) {
        std::lock_guard hold(mu_);
        return v_[key];
    }

private:
    gosem::mutex mu_;  // guards v_
    std::map<std::string, int> v_;
};

int main() {
    return gosem::run([] {
        safe_counter c;
        gosem::wait_group wg;
        for (int i = 0; i < 1000; ++i) {
            wg.add(1);
            gosem::go([&c, &wg] {
                c.inc("somekey");
                wg.done();
            });
        }
        wg.wait();
        std::printf("%d\n", c.value("somekey"));
    });
}
