#pragma once
#include <functional>
#include <map>
#include <string>

namespace http {

struct Request {
    std::string method;
    std::string path;                          // without the query string
    std::map<std::string, std::string> query;  // decoded
};

struct Response {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
};

using Handler = std::function<Response(const Request&)>;

// Parses the request line of a raw HTTP request; false when it is malformed.
bool parse_request(const std::string& raw, Request& out);
std::string url_decode(const std::string& s);
std::string serialize(const Response& r);

// Serves forever on 0.0.0.0:port, one connection at a time.
int serve(int port, const Handler& handler);

}  // namespace http
