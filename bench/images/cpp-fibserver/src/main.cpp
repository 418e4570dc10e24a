// fibserver: a tiny HTTP service computing Fibonacci numbers.
#include <cstdlib>

#include "http.hpp"
#include "routes.hpp"

int main() {
    const char* p = std::getenv("PORT");
    int port = p ? std::atoi(p) : 8082;
    return http::serve(port, route);
}
