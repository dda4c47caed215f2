// report.cpp: what the runtime prints about goroutines: wait reasons, the goroutine dump of a
// deadlock report, and the text of an uncaught panic.
#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <typeinfo>

#include "runtime_internal.hpp"

namespace gosem {

const char* to_string(wait_reason r) noexcept {
    switch (r) {
    case wait_reason::none: return "";
    case wait_reason::chan_send: return "chan send";
    case wait_reason::chan_receive: return "chan receive";
    case wait_reason::chan_send_nil: return "chan send (nil chan)";
    case wait_reason::chan_receive_nil: return "chan receive (nil chan)";
    case wait_reason::select: return "select";
    case wait_reason::select_no_cases: return "select (no cases)";
    case wait_reason::sleep: return "sleep";
    case wait_reason::mutex_lock: return "sync.Mutex.Lock";
    case wait_reason::rwmutex_rlock: return "sync.RWMutex.RLock";
    case wait_reason::rwmutex_lock: return "sync.RWMutex.Lock";
    case wait_reason::waitgroup_wait: return "sync.WaitGroup.Wait";
    case wait_reason::cond_wait: return "sync.Cond.Wait";
    case wait_reason::semacquire: return "semacquire";
    }
    return "?";
}

const char* to_string(goroutine_state s) noexcept {
    switch (s) {
    case goroutine_state::runnable: return "runnable";
    case goroutine_state::running: return "running";
    case goroutine_state::waiting: return "waiting";
    case goroutine_state::blocking_call: return "syscall";
    }
    return "?";
}

}  // namespace gosem

namespace gosem::detail {

namespace {
std::string where(const gosem::source_location& loc) {
    std::string out = loc.file_name();
    out += ':';
    out += std::to_string(loc.line());
    if (*loc.function_name()) {
        out += " in ";
        out += loc.function_name();
    }
    return out;
}

std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status),
                                               std::free);
    return status == 0 && out ? out.get() : name;
}
}  // namespace

// Go prints each goroutine as `goroutine N [reason]:` and its stack; we print where it blocked
// and where it was created instead of a stack.
std::string goroutine_dump(sched_state& s) {
    std::vector<G*> gs;
    {
        std::lock_guard lk(s.allg_lock);
        for (G* g : s.allgs) {
            gstatus st = g->status.load(std::memory_order_acquire);
            if (st != gstatus::free && st != gstatus::dead) gs.push_back(g);
        }
    }
    std::sort(gs.begin(), gs.end(), [](G* a, G* b) { return a->id < b->id; });
    std::string out;
    for (G* g : gs) {
        gstatus st = g->status.load(std::memory_order_acquire);
        wait_reason reason = wait_reason::none;
        gosem::source_location blocked_at;
        g->waiting.get(&reason, &blocked_at);
        const char* state = st == gstatus::waiting    ? to_string(reason)
                            : st == gstatus::runnable ? "runnable"
                            : st == gstatus::blocking ? "syscall"
                                                      : "running";
        out += "goroutine " + std::to_string(g->id) + " [" + state + "]:\n";
        if (st == gstatus::waiting) out += "\tblocked at " + where(blocked_at) + "\n";
        if (g->is_main) out += "\tmain goroutine\n";
        else out += "\tcreated at " + where(g->created_at) + "\n";
        out += "\n";
    }
    return out;
}

std::string describe_exception(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const panic& p) {
        return p.message();
    } catch (const std::exception& x) {
        std::type_info* t = abi::__cxa_current_exception_type();
        return (t ? demangle(t->name()) + ": " : std::string()) + x.what();
    } catch (...) {
        std::type_info* t = abi::__cxa_current_exception_type();
        return "exception of type " + (t ? demangle(t->name()) : std::string("unknown"));
    }
}

}  // namespace gosem::detail
