#include "routes.hpp"

#include <cstdint>
#include <string>

namespace {

// Fibonacci numbers up to F(93), the largest that fits in 64 bits.
std::uint64_t fib(unsigned n) {
    std::uint64_t a = 0, b = 1;
    for (unsigned i = 0; i < n; ++i) {
        std::uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

}  // namespace

http::Response route(const http::Request& req) {
    http::Response r;
    if (req.path == "/healthz") {
        r.body = "ok\n";
    } else if (req.path == "/fib") {
        auto it = req.query.find("n");
        unsigned long n = 0;
        try {
            if (it == req.query.end()) throw std::invalid_argument("n");
            n = std::stoul(it->second);
        } catch (const std::exception&) {
            r.status = 400;
            r.body = "n must be an integer\n";
            return r;
        }
        if (n > 93) {
            r.status = 400;
            r.body = "n must be at most 93\n";
            return r;
        }
        r.content_type = "application/json";
        r.body = "{\"n\":" + std::to_string(n) + ",\"fib\":" + std::to_string(fib(static_cast<unsigned>(n))) + "}\n";
    } else {
        r.status = 404;
        r.body = "not found\n";
    }
    return r;
}
