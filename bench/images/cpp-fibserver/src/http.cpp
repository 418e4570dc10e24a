#include "http.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>

namespace http {

std::string url_decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool parse_request(const std::string& raw, Request& out) {
    std::istringstream in(raw);
    std::string target, version;
    if (!(in >> out.method >> target >> version)) return false;
    auto q = target.find('?');
    out.path = target.substr(0, q);
    if (q != std::string::npos) {
        std::istringstream qs(target.substr(q + 1));
        std::string pair;
        while (std::getline(qs, pair, '&')) {
            auto eq = pair.find('=');
            if (eq == std::string::npos) out.query[url_decode(pair)] = "";
            else out.query[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
        }
    }
    return true;
}

static const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        default: return "Error";
    }
}

std::string serialize(const Response& r) {
    std::ostringstream o;
    o << "HTTP/1.1 " << r.status << ' ' << reason(r.status) << "\r\n"
      << "Content-Type: " << r.content_type << "\r\n"
      << "Content-Length: " << r.body.size() << "\r\n"
      << "Connection: close\r\n\r\n"
      << r.body;
    return o.str();
}

int serve(int port, const Handler& handler) {
    std::signal(SIGPIPE, SIG_IGN);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { perror("socket"); return 1; }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) { perror("bind"); return 1; }
    if (listen(fd, 16) < 0) { perror("listen"); return 1; }
    std::fprintf(stderr, "fibserver listening on :%d\n", port);
    for (;;) {
        int c = accept(fd, nullptr, nullptr);
        if (c < 0) continue;
        char buf[8192];
        ssize_t n = recv(c, buf, sizeof buf - 1, 0);
        Response resp;
        Request req;
        if (n <= 0 || !parse_request(std::string(buf, static_cast<size_t>(n)), req)) {
            resp.status = 400;
            resp.body = "bad request\n";
        } else {
            resp = handler(req);
        }
        std::string out = serialize(resp);
        send(c, out.data(), out.size(), 0);
        close(c);
    }
}

}  // namespace http
